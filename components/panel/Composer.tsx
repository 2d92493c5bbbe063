import { useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { ChatModel } from '@/utils/panel/conversation-model';
import type { ComposerModel } from '@/utils/panel/composer-model';
import { t } from '@/utils/i18n';

export function Composer({ model, composer }: { model: ChatModel; composer: ComposerModel }) {
  const box = useRef<HTMLTextAreaElement>(null);
  const running = model.activeReply.value !== undefined;

  // A quoted selection: ready for the question under it.
  useSignalEffect(() => {
    if (composer.quotes.value === 0 || !box.current) return;
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
      <textarea
        ref={box}
        aria-label={t('composerMessage')}
        placeholder={t('composerPlaceholder')}
        rows={2}
        autofocus
        value={composer.draft.value}
        onInput={(event) => (composer.draft.value = event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
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
