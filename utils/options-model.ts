/** The options page's state: the form's values, their errors, and saving them. */
import { signal } from '@preact/signals';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, validateSettings, type Settings, type SettingsErrors, type SettingsInput } from './settings';

export type SaveStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; message: string };

export type OptionsModel = ReturnType<typeof createOptionsModel>;

export function createOptionsModel() {
  const values = signal<SettingsInput>(toInput(DEFAULT_SETTINGS));
  const errors = signal<SettingsErrors>({});
  const status = signal<SaveStatus>({ kind: 'idle' });

  async function load(): Promise<void> {
    values.value = toInput(await loadSettings());
  }

  function set(field: keyof Settings, value: string | boolean): void {
    values.value = { ...values.value, [field]: value };
    status.value = { kind: 'idle' };
  }

  async function save(): Promise<void> {
    const result = validateSettings(values.value);
    if (!result.ok) {
      errors.value = result.errors;
      status.value = { kind: 'invalid' };
      return;
    }
    errors.value = {};
    try {
      await settingsItem.setValue(result.settings);
      values.value = toInput(result.settings);
      status.value = { kind: 'saved' };
    } catch (error) {
      status.value = { kind: 'failed', message: `Could not save: ${(error as Error).message}` };
    }
  }

  return { values, errors, status, load, set, save };
}

function toInput(settings: Settings): SettingsInput {
  return { ...settings, historyLimit: String(settings.historyLimit) };
}
