import { t, type MessageKey } from '@/utils/i18n';

const SUGGESTIONS: MessageKey[] = ['suggestionAbilities', 'suggestionSse', 'suggestionCount'];

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
