/** The options page's state: the form's values, their errors, and saving them. */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { testConnection, type ConnectionReport } from '../endpoint/connection-test';
import { hostPermissionPattern } from '../host-permission';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, validateSettings, type Settings, type SettingsErrors, type SettingsInput } from '../settings';
import { t } from '../i18n';

export type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string };

export type OptionsModel = ReturnType<typeof createOptionsModel>;

export function createOptionsModel() {
  const values = signal<SettingsInput>(toInput(DEFAULT_SETTINGS));
  const errors = signal<SettingsErrors>({});
  const status = signal<SaveStatus>({ kind: 'idle' });
  const connection = signal<ConnectionReport | 'testing' | undefined>(undefined);

  async function load(): Promise<void> {
    values.value = toInput(await loadSettings());
  }

  function set(field: keyof Settings, value: string | boolean): void {
    values.value = { ...values.value, [field]: value };
    status.value = { kind: 'idle' };
  }

  /** The form's settings, or undefined after showing what is wrong with them. */
  function validated(): Settings | undefined {
    const result = validateSettings(values.value);
    errors.value = result.ok ? {} : result.errors;
    if (!result.ok) status.value = { kind: 'invalid' };
    return result.ok ? result.settings : undefined;
  }

  /**
   * Called straight from a click. Nothing is awaited before `permissions.request`: Firefox shows
   * the prompt only while the click's user gesture is still current.
   */
  async function allowEndpoint(settings: Settings): Promise<boolean> {
    const pattern = hostPermissionPattern(settings.endpointUrl);
    return !pattern || browser.permissions.request({ origins: [pattern] });
  }

  const deniedMessage = (settings: Settings) => t('optionsPermissionNeeded', new URL(settings.endpointUrl).host);

  async function save(): Promise<void> {
    const settings = validated();
    if (!settings) return;
    try {
      if (!(await allowEndpoint(settings))) {
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
    connection.value = (await allowEndpoint(settings).catch(() => false))
      ? await testConnection(settings)
      : { ok: false, findings: [deniedMessage(settings)] };
  }

  return { values, errors, status, connection, load, set, save, test };
}

function toInput(settings: Settings): SettingsInput {
  return {
    ...settings,
    historyLimit: String(settings.historyLimit),
    firstByteTimeoutSec: String(settings.firstByteTimeoutSec),
    idleTimeoutSec: String(settings.idleTimeoutSec),
  };
}
