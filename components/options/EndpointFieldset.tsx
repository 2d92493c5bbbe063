import type { OptionsModel } from '@/utils/options/options-model';
import { OPENAI_PRESETS } from '@/utils/options/presets';
import { isPlainHttpRemote } from '@/utils/host-permission';
import { t } from '@/utils/i18n';
import { Field } from './Field';
import { TextField } from './TextField';

/** The endpoint: its type, and the fields that type uses (Project ID for Sidechat; Model and presets for OpenAI-compatible). */
export function EndpointFieldset({ model }: { model: OptionsModel }) {
  const values = model.values.value;
  const isOpenAi = values.endpointType === 'openai';
  return (
    <fieldset>
      <legend>{t('optionsEndpointLegend')}</legend>
      <Field id="endpointType" label={t('optionsEndpointType')}>
        {() => (
          <select id="endpointType" value={String(values.endpointType)} onChange={(event) => model.set('endpointType', event.currentTarget.value)}>
            <option value="sidechat">{t('optionsEndpointTypeSidechat')}</option>
            <option value="openai">{t('optionsEndpointTypeOpenAi')}</option>
          </select>
        )}
      </Field>
      {isOpenAi && (
        <Field id="preset" label={t('optionsPreset')}>
          {() => (
            <select
              id="preset"
              value=""
              onChange={(event) => {
                const preset = OPENAI_PRESETS.find((p) => p.name === event.currentTarget.value);
                if (preset) model.applyPreset(preset);
              }}
            >
              <option value="">{t('optionsPresetChoose')}</option>
              {OPENAI_PRESETS.map((preset) => (
                <option key={preset.name} value={preset.name}>
                  {`${preset.name} — ${preset.url}`}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <TextField model={model} field="endpointUrl" label={t('optionsEndpointUrl')} type="url" hint={isOpenAi ? t('optionsEndpointUrlHintOpenAi') : t('optionsEndpointUrlHint')} />
      {isPlainHttpRemote(String(values.endpointUrl)) && (
        <p class="field-warning" role="note">
          {t('optionsPlainHttpWarning')}
        </p>
      )}
      {!isOpenAi && <TextField model={model} field="projectId" label={t('optionsProjectId')} />}
      <TextField model={model} field="apiKey" label={t('optionsApiKey')} type="password" hint={t('optionsApiKeyHint')} />
      {isOpenAi && (
        <>
          <TextField model={model} field="model" label={t('optionsModel')} hint={t('optionsModelHint')} list="model-suggestions" onFocus={() => void model.findModels()} />
          <datalist id="model-suggestions">
            {model.models.value.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </>
      )}
      <TextField model={model} field="systemPrompt" label={t('optionsSystemPrompt')} hint={t('optionsSystemPromptHint')} multiline />
      {isOpenAi && <TextField model={model} field="contextBudgetTokens" label={t('optionsContextBudget')} type="number" hint={t('optionsContextBudgetHint')} />}
    </fieldset>
  );
}
