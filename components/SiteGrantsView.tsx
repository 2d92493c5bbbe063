import type { SiteGrantsModel } from '@/utils/site-grants-model';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function SiteGrantsView({ model }: { model: SiteGrantsModel }) {
  const grants = model.grants.value;
  return (
    <section class="options site-grants" aria-labelledby="site-grants-title">
      <h2 id="site-grants-title">Page sharing</h2>
      <p class="field-hint">
        Sidechat asks before it shares anything from a page. These sites got “Always for this site”, so their pages are shared without asking.
      </p>
      {grants.length === 0 ? (
        <p class="site-grants-empty">No site is always allowed.</p>
      ) : (
        <ul>
          {grants.map((grant, index) => (
            <li key={grant.site}>
              <div class="grant">
                <span class="site" id={`site-${index}`}>
                  {grant.site}
                </span>
                <span class="since">since {dateFormat.format(grant.grantedAt)}</span>
              </div>
              <button type="button" aria-describedby={`site-${index}`} onClick={() => void model.revoke(grant.site)}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
