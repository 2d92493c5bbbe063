import type { ChatModel } from '@/utils/panel/conversation-model';
import { t } from '@/utils/i18n';

/** Shown when nothing answers at the endpoint, before the user finds out by pressing Send. */
export function EndpointBanner({ model }: { model: ChatModel }) {
  const status = model.endpoint.value;
  if (!status || status.reachable) return null;
  return (
    <div class="endpoint-banner" role="status">
      <span>{status.message}</span>
      <button type="button" onClick={model.checkEndpoint}>
        {t('endpointCheckAgain')}
      </button>
    </div>
  );
}
