import { t } from '@/utils/i18n';

export interface ClearAllFooterProps {
  count: number;
  /** The list owns this: Esc anywhere in it cancels the question. */
  confirming: boolean;
  onConfirming(confirming: boolean): void;
  onClearAll(): void;
}

/** "Delete all", asked inline before anything is deleted. */
export function ClearAllFooter({ count, confirming, onConfirming, onClearAll }: ClearAllFooterProps) {
  if (!confirming) {
    return (
      <button type="button" class="clear-all" onClick={() => onConfirming(true)}>
        {t('conversationsClearAll')}
      </button>
    );
  }
  return (
    <div class="clear-confirm" role="group" aria-labelledby="clear-question">
      <p id="clear-question">{t('conversationsClearAllQuestion', count)}</p>
      <button
        type="button"
        class="danger"
        onClick={() => {
          onConfirming(false);
          onClearAll();
        }}
      >
        {t('conversationsClearAllConfirm')}
      </button>
      <button type="button" class="clear-cancel" onClick={() => onConfirming(false)}>
        {t('conversationsCancel')}
      </button>
    </div>
  );
}
