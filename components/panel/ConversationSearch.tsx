import type { SearchItem } from '@/utils/contract/port-messages';
import { t } from '@/utils/i18n';

export interface ConversationSearchProps {
  query: string;
  /** The answer to a search, once there is one; none while the box is empty. */
  results?: SearchItem[];
  /** How many conversations answered; `results` are the best of them. */
  total?: number;
  onQuery(text: string): void;
}

/** The Search conversations box, and how many conversations answered it. */
export function ConversationSearch({ query, results, total = 0, onQuery }: ConversationSearchProps) {
  return (
    <div class="conversations-search" role="search">
      <input type="search" aria-label={t('searchLabel')} placeholder={t('searchLabel')} value={query} onInput={(event) => onQuery(event.currentTarget.value)} />
      {results && (
        <p class="search-status" role="status">
          {results.length === 0
            ? t('searchNoResults', query.trim())
            : total > results.length
              ? t('searchResultsBest', results.length, total)
              : results.length === 1
                ? t('searchResultsOne')
                : t('searchResultsMany', results.length)}
        </p>
      )}
    </div>
  );
}
