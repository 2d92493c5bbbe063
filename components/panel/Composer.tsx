import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ChatModel } from '@/utils/panel/conversation-model';
import type { ComposerModel } from '@/utils/panel/composer-model';
import type { SlashCommands } from '@/utils/panel/slash-commands';
import { t } from '@/utils/i18n';
import { SLASH_LIST_ID, SlashList, slashOptionId } from './SlashList';

export function Composer({ model, composer, slash }: { model: ChatModel; composer: ComposerModel; slash: SlashCommands }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const running = model.activeReply.value !== undefined;
  const listed = slash.open.value && slash.matches.value.length > 0;

  // A quoted selection or a prompt: ready to edit, or for the question under it.
  useSignalEffect(() => {
    if (composer.insertions.value === 0 || !box.current) return;
    box.current.focus();
    box.current.setSelectionRange(composer.draft.peek().length, composer.draft.peek().length);
  });

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        composer.submit();
      }}
    >
      <SlashList slash={slash} />
      <textarea
        ref={box}
        aria-label={t('composerMessage')}
        aria-autocomplete="list"
        aria-haspopup="listbox"
        aria-controls={listed ? SLASH_LIST_ID : undefined}
        aria-activedescendant={listed && slash.active.value ? slashOptionId(slash.active.value.id) : undefined}
        placeholder={t('composerPlaceholder')}
        rows={2}
        autofocus
        value={composer.draft.value}
        onInput={(event) => (composer.draft.value = event.currentTarget.value)}
        onKeyDown={(event) => {
          const plain = !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey && !event.isComposing;
          if (plain && slash.key(event.key)) {
            // Taken by the list: not a send, a new line, or (Esc) a stop.
            event.preventDefault();
            event.stopPropagation();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            composer.submit();
          } else if (event.key === 'ArrowUp' && !composer.draft.value) {
            const previous = model.editLast();
            if (previous !== undefined) {
              event.preventDefault();
              composer.draft.value = previous;
            }
          }
        }}
      />
      {composer.notice.value && (
        <p class="composer-notice" role="status">
          {composer.notice.value}
        </p>
      )}
      <div class="composer-actions">
        <label class="share-page" title={t('sharePageHint')}>
          <input type="checkbox" checked={composer.sharePage.value} onChange={(event) => (composer.sharePage.value = event.currentTarget.checked)} />
          {t('sharePage')}
        </label>
        {running && (
          <button type="button" class="stop" onClick={model.stop}>
            {t('composerStop')}
          </button>
        )}
        <button type="submit" disabled={running || !composer.draft.value.trim()}>
          {t('composerSend')}
        </button>
      </div>
    </form>
  );
}
