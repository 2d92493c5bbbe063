import { t, type MessageKey } from '@/utils/i18n';

/** The reference endpoint's demo has a real answer for each (tests/unit/server-demo.test.ts holds it to that). */
export const SUGGESTIONS: MessageKey[] = ['suggestionAbilities', 'suggestionMarkdown', 'suggestionSse', 'suggestionCount'];

/** A greeting and a few prompts to start from, so an empty panel is never a dead end. */
export function EmptyState({ onPick }: { onPick: (prompt: string) => void }) {
  return (
    <div class="empty">
      <p class="empty-title">{t('emptyTitle')}</p>
      <p>{t('emptyHint')}</p>
      <ul class="suggestions" aria-label={t('emptySuggestions')}>
        {SUGGESTIONS.map((key) => (
          <li key={key}>
            <button type="button" onClick={() => onPick(t(key))}>
              {t(key)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
