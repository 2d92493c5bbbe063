import { t } from '@/utils/i18n';
import type { SiteGrantsModel } from '@/utils/options/site-grants-model';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function SiteGrantsView({ model }: { model: SiteGrantsModel }) {
  const grants = model.grants.value;
  return (
    <section class="options site-grants" aria-labelledby="site-grants-title">
      <h2 id="site-grants-title">{t('optionsPageSharing')}</h2>
      <p class="field-hint">{t('optionsPageSharingHint')}</p>
      {grants.length === 0 ? (
        <p class="site-grants-empty">{t('optionsPageSharingNone')}</p>
      ) : (
        <ul>
          {grants.map((grant, index) => (
            <li key={grant.site}>
              <div class="grant">
                <span class="site" id={`site-${index}`}>
                  {grant.site}
                </span>
                <span class="since">{t('optionsPageSharingSince', dateFormat.format(grant.grantedAt))}</span>
              </div>
              <button type="button" aria-describedby={`site-${index}`} onClick={() => void model.revoke(grant.site)}>
                {t('optionsRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
