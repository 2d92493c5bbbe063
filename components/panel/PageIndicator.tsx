import './page-indicator.css';
import type { PageIndicator as Indicator } from '@/utils/panel/page-indicator';
import { t } from '@/utils/i18n';

/** The page Share and the page functions will use; after a tab switch, that the new tab is not shared. */
export function PageIndicator({ indicator }: { indicator: Indicator }) {
  const page = indicator.page.value;
  if (!page) return null;
  if (page.problem) return <p class="page-indicator">{page.problem}</p>;
  const title = page.title ? t('pageIndicatorTitle', page.title) : t('pageIndicatorHidden');
  return (
    <div class={`page-indicator${page.otherTab ? ' other-tab' : ''}`} role="status">
      <span class="page-indicator-title">{title}</span>
      {page.otherTab && <span class="page-indicator-note">{t('pageIndicatorOtherTab')}</span>}
    </div>
  );
}
