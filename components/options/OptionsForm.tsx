import type { OptionsModel } from '@/utils/options/options-model';
import type { SettingsField } from '@/utils/options/settings-form';
import { ConnectionReportView } from './ConnectionReportView';
import { EndpointFieldset } from './EndpointFieldset';
import { Field } from './Field';
import { TextField } from './TextField';
import { t } from '@/utils/i18n';

export function OptionsForm({ model }: { model: OptionsModel }) {
  const values = model.values.value;
  const status = model.status.value;

  const checkbox = (field: SettingsField, label: string, hint: string) => (
    <div class="field checkbox">
      <input id={field} type="checkbox" checked={Boolean(values[field])} aria-describedby={`${field}-hint`} onChange={(event) => model.set(field, event.currentTarget.checked)} />
      <label for={field}>{label}</label>
      <p id={`${field}-hint`} class="field-hint">
        {hint}
      </p>
    </div>
  );

  return (
    <main>
      <form
        class="options"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void model.save();
        }}
      >
        <h1>{t('optionsTitle')}</h1>
        <EndpointFieldset model={model} />
        <fieldset>
          <legend>{t('optionsConversationLegend')}</legend>
          {checkbox('streaming', t('optionsStreaming'), t('optionsStreamingHint'))}
          <TextField model={model} field="firstByteTimeoutSec" label={t('optionsFirstByteTimeout')} type="number" hint={t('optionsFirstByteTimeoutHint')} />
          <TextField model={model} field="idleTimeoutSec" label={t('optionsIdleTimeout')} type="number" hint={t('optionsIdleTimeoutHint')} />
          <TextField model={model} field="historyLimit" label={t('optionsHistoryLimit')} type="number" hint={t('optionsHistoryLimitHint')} />
          {checkbox('debug', t('optionsDebug'), t('optionsDebugHint'))}
        </fieldset>
        <fieldset>
          <legend>{t('optionsLookLegend')}</legend>
          <Field id="theme" label={t('optionsTheme')}>
            {() => (
              <select id="theme" value={String(values.theme)} onChange={(event) => model.set('theme', event.currentTarget.value)}>
                <option value="system">{t('optionsThemeSystem')}</option>
                <option value="light">{t('optionsThemeLight')}</option>
                <option value="dark">{t('optionsThemeDark')}</option>
              </select>
            )}
          </Field>
        </fieldset>
        <div class="actions">
          <button type="submit">{t('optionsSave')}</button>
          <button type="button" onClick={() => void model.test()} disabled={model.connection.value === 'testing'}>
            {t('optionsTestConnection')}
          </button>
          <p class={`status ${status.kind}`} role="status">
            {status.kind === 'saved' && t('optionsSaved')}
            {status.kind === 'invalid' && t('optionsInvalid')}
            {status.kind === 'failed' && status.message}
          </p>
        </div>
        <ConnectionReportView report={model.connection.value} />
      </form>
    </main>
  );
}
