import type { SavedHistoryModel } from '@/utils/options/saved-history-model';
import { t } from '@/utils/i18n';

/** Options → History: deleting every saved conversation, after a second, explicit click. */
export function HistorySection({ model }: { model: SavedHistoryModel }) {
  const step = model.step;
  return (
    <section class="options history" aria-labelledby="history-heading">
      <h2 id="history-heading">{t('optionsHistoryHeading')}</h2>
      <p class="field-hint">{t('optionsHistoryHint')}</p>
      <div class="actions">
        {step.value === 'confirm' ? (
          <>
            <button type="button" class="danger" onClick={() => void model.clear()}>
              {t('optionsHistoryConfirm')}
            </button>
            <button type="button" onClick={model.cancel}>
              {t('optionsHistoryCancel')}
            </button>
          </>
        ) : (
          <button type="button" onClick={model.ask}>
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
