import type { OptionsModel } from '@/utils/options/options-model';
import { isPlainHttpRemote } from '@/utils/host-permission';
import type { Settings } from '@/utils/settings';
import { ConnectionReportView } from './ConnectionReportView';
import { Field } from './Field';
import { t } from '@/utils/i18n';

export function OptionsForm({ model }: { model: OptionsModel }) {
  const values = model.values.value;
  const errors = model.errors.value;
  const status = model.status.value;

  const text = (field: keyof Settings, label: string, type: 'url' | 'text' | 'password' | 'number', hint?: string) => (
    <Field id={field} label={label} hint={hint} error={errors[field]}>
      {(describedBy) => (
        <input
          id={field}
          type={type as 'text'}
          value={String(values[field])}
          aria-invalid={errors[field] ? 'true' : undefined}
          aria-describedby={describedBy}
          autocomplete="off"
          spellcheck={false}
          onInput={(event) => model.set(field, event.currentTarget.value)}
        />
      )}
    </Field>
  );

  const checkbox = (field: keyof Settings, label: string, hint: string) => (
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
        <fieldset>
          <legend>{t('optionsEndpointLegend')}</legend>
          {text('endpointUrl', t('optionsEndpointUrl'), 'url', t('optionsEndpointUrlHint'))}
          {isPlainHttpRemote(String(values.endpointUrl)) && (
            <p class="field-warning" role="note">
              {t('optionsPlainHttpWarning')}
            </p>
          )}
          {text('projectId', t('optionsProjectId'), 'text')}
          {text('apiKey', t('optionsApiKey'), 'password', t('optionsApiKeyHint'))}
        </fieldset>
        <fieldset>
          <legend>{t('optionsConversationLegend')}</legend>
          {checkbox('streaming', t('optionsStreaming'), t('optionsStreamingHint'))}
          {text('firstByteTimeoutSec', t('optionsFirstByteTimeout'), 'number', t('optionsFirstByteTimeoutHint'))}
          {text('idleTimeoutSec', t('optionsIdleTimeout'), 'number', t('optionsIdleTimeoutHint'))}
          {text('historyLimit', t('optionsHistoryLimit'), 'number', t('optionsHistoryLimitHint'))}
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
