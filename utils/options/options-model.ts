/** The options page's state: the form's values, their errors, saving them, testing them, and the model suggestions. */
import { signal } from '@preact/signals';
import { testConnection, type ConnectionReport } from '../endpoint/connection-test';
import { listModels } from '../endpoint/model-list';
import { syncOriginRule } from '../endpoint/origin-rule';
import { requestEndpointPermission } from '../host-permission';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, type EndpointConfig, type Settings } from '../settings';
import { toInput, validateSettings, type SettingsErrors, type SettingsField, type SettingsInput } from './settings-form';
import type { EndpointPreset } from './presets';
import { t } from '../i18n';

export type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string };

export type OptionsModel = ReturnType<typeof createOptionsModel>;

export function createOptionsModel() {
  const values = signal<SettingsInput>(toInput(DEFAULT_SETTINGS));
  const errors = signal<SettingsErrors>({});
  const status = signal<SaveStatus>({ kind: 'idle' });
  const connection = signal<ConnectionReport | 'testing' | undefined>(undefined);
  /** What the OpenAI-compatible server at the form's URL lists, for the Model field. */
  const models = signal<string[]>([]);
  /** The server and key `models` came from. */
  let modelsFrom: string | undefined;

  async function load(): Promise<void> {
    values.value = toInput(await loadSettings());
  }

  function set(field: SettingsField, value: string | boolean): void {
    values.value = { ...values.value, [field]: value };
    status.value = { kind: 'idle' };
  }

  function applyPreset(preset: EndpointPreset): void {
    values.value = { ...values.value, endpointType: 'openai', endpointUrl: preset.url };
    status.value = { kind: 'idle' };
  }

  /** The form's settings, or undefined after showing what is wrong with them. */
  function validated(): Settings | undefined {
    const result = validateSettings(values.value);
    errors.value = result.ok ? {} : result.errors;
    if (!result.ok) status.value = { kind: 'invalid' };
    return result.ok ? result.settings : undefined;
  }

  const deniedMessage = (settings: Settings) => t('optionsPermissionNeeded', new URL(settings.endpoint.url).host);

  async function save(): Promise<void> {
    const settings = validated();
    if (!settings) return;
    try {
      if (!(await requestEndpointPermission(settings))) {
        status.value = { kind: 'failed', message: t('optionsNotSaved', deniedMessage(settings)) };
        return;
      }
      await settingsItem.setValue(settings);
      values.value = toInput(settings);
      status.value = { kind: 'saved' };
    } catch (error) {
      status.value = { kind: 'failed', message: t('optionsCouldNotSave', (error as Error).message) };
    }
  }

  /** Tests what the form says now, saved or not. */
  async function test(): Promise<void> {
    const settings = validated();
    if (!settings) return;
    connection.value = 'testing';
    connection.value = (await requestEndpointPermission(settings).catch(() => false))
      ? await withOriginRule(settings.endpoint, () => testConnection(settings.endpoint))
      : { ok: false, findings: [deniedMessage(settings)] };
  }

  /** Suggestions for the Model field, from the server the form names (quietly none when it can't say). */
  async function findModels(): Promise<void> {
    const { endpointType, endpointUrl, apiKey } = values.value;
    if (endpointType !== 'openai') return;
    const endpoint = { ...DEFAULT_SETTINGS.endpoint, type: 'openai' as const, url: String(endpointUrl).trim(), apiKey: String(apiKey).trim() };
    // Each focus of the Model field asks; the same server and key already answered.
    const asked = `${endpoint.url}\n${endpoint.apiKey}`;
    if (asked === modelsFrom && models.value.length > 0) return;
    modelsFrom = asked;
    const found = await withOriginRule(endpoint, () => listModels(endpoint)).catch(() => undefined);
    models.value = found ?? [];
  }

  return { values, errors, status, connection, models, load, set, applyPreset, save, test, findModels };
}

/**
 * The form's endpoint may not be saved yet: its Origin rule is set for the request, and the saved
 * endpoint's put back after it, so a stock Ollama answers the test as it will answer the chat.
 */
async function withOriginRule<T>(endpoint: EndpointConfig, run: () => Promise<T>): Promise<T> {
  await syncOriginRule(endpoint);
  try {
    return await run();
  } finally {
    await syncOriginRule((await loadSettings()).endpoint);
  }
}
