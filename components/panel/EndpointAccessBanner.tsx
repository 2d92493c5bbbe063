import type { EndpointAccess } from '@/utils/panel/endpoint-access';
import { t } from '@/utils/i18n';

/** The endpoint's origin needs the user's permission (it came in with imported settings): ask on their click. */
export function EndpointAccessBanner({ access }: { access: EndpointAccess }) {
  const host = access.missingHost.value;
  if (!host) return null;
  return (
    <div class="endpoint-banner" role="status">
      <span>{t('endpointAccessNeeded', host)}</span>
      <button type="button" onClick={access.allow}>
        {t('endpointAccessAllow')}
      </button>
    </div>
  );
}
