import type { ChatModel } from '@/utils/panel/conversation-model';
import { t } from '@/utils/i18n';

/** The panel's own link to the background: shown while it is re-opened, and when saving failed. */
export function LinkBanner({ model }: { model: ChatModel }) {
  const reconnecting = model.link.value === 'reconnecting' && model.messages.value.length > 0;
  const storageError = model.storageError.value;
  return (
    <>
      {reconnecting && (
        <div class="link-banner" role="status">
          {t('panelReconnecting')}
        </div>
      )}
      {storageError && (
        <div class="link-banner warning" role="alert">
          <span>{t('panelStorageError', storageError)}</span>
          <button type="button" class="link" onClick={() => (model.storageError.value = undefined)}>
            {t('panelDismiss')}
          </button>
        </div>
      )}
    </>
  );
}
