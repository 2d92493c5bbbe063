import { useSignal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { OptionsMessage } from '@/utils/contract/options-messages';
import { t } from '@/utils/i18n';

/** Options → History: deleting every saved conversation, after a second, explicit click. */
export function HistorySection() {
  const step = useSignal<'idle' | 'confirm' | 'done' | 'failed'>('idle');
  const clear = async () => {
    const message: OptionsMessage = { type: 'clear-saved-history' };
    try {
      await browser.runtime.sendMessage(message);
      step.value = 'done';
    } catch {
      step.value = 'failed';
    }
  };
  return (
    <section class="options history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('optionsHistoryHeading')}</h2>
      <p class="field-hint">{t('optionsHistoryHint')}</p>
      <div class="actions">
        {step.value === 'confirm' ? (
          <>
            <button type="button" class="danger" onClick={() => void clear()}>
              {t('optionsHistoryConfirm')}
            </button>
            <button type="button" onClick={() => (step.value = 'idle')}>
              {t('optionsHistoryCancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => (step.value = 'confirm')}>
            {t('optionsHistoryClear')}
          </button>
        )}
        <p class="status" role="status">
          {step.value === 'done' && t('optionsHistoryCleared')}
          {step.value === 'failed' && t('optionsHistoryFailed')}
        </p>
      </div>
    </section>
  );
}
