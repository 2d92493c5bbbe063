/** The options, their defaults, their validation, and where they live in extension storage. */
import { storage } from 'wxt/utils/storage';
import { t } from './i18n';

export type Theme = 'system' | 'light' | 'dark';
const THEMES: Theme[] = ['system', 'light', 'dark'];

export interface Settings {
  endpointUrl: string;
  projectId: string;
  /** Kept in storage.local only: it never syncs to other machines. */
  apiKey: string;
  streaming: boolean;
  /** How many messages the panel keeps; older ones are dropped from memory and the page. */
  historyLimit: number;
  debug: boolean;
  theme: Theme;
}

export const DEFAULT_SETTINGS: Settings = {
  endpointUrl: 'http://127.0.0.1:8787',
  projectId: 'demo',
  apiKey: '',
  streaming: true,
  historyLimit: 200,
  debug: false,
  theme: 'system',
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

export async function loadSettings(): Promise<Settings> {
  return { ...DEFAULT_SETTINGS, ...(await settingsItem.getValue()) };
}

/** The form's raw values, as the options page reads them. */
export type SettingsInput = Record<keyof Settings, string | boolean>;

export type SettingsErrors = Partial<Record<keyof Settings, string>>;

export type ValidatedSettings = { ok: true; settings: Settings } | { ok: false; errors: SettingsErrors };

export function validateSettings(input: SettingsInput): ValidatedSettings {
  const errors: SettingsErrors = {};
  const endpointUrl = String(input.endpointUrl).trim();
  const endpointError = checkEndpointUrl(endpointUrl);
  if (endpointError) errors.endpointUrl = endpointError;

  const projectId = String(input.projectId).trim();
  if (!projectId) errors.projectId = t('errorProjectEmpty');

  const historyText = String(input.historyLimit).trim();
  const historyLimit = Number(historyText);
  if (!/^\d+$/.test(historyText) || historyLimit < 2 || historyLimit > 10_000) {
    errors.historyLimit = t('errorHistoryLimit');
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      endpointUrl: endpointUrl.replace(/\/+$/, ''),
      projectId,
      apiKey: String(input.apiKey).trim(),
      streaming: Boolean(input.streaming),
      historyLimit,
      debug: Boolean(input.debug),
      theme: THEMES.includes(input.theme as Theme) ? (input.theme as Theme) : 'system',
    },
  };
}

function checkEndpointUrl(text: string): string | undefined {
  if (!text) return t('errorEndpointEmpty');
  let url: URL;
  try {
    // "localhost:8787" parses as a URL with the scheme "localhost:", so insist on "//".
    if (!/^[a-z][a-z\d+.-]*:\/\//i.test(text)) throw new TypeError('no scheme');
    url = new URL(text);
  } catch {
    return t('errorEndpointNotUrl', text);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return t('errorEndpointScheme', url.protocol.replace(':', ''));
  }
  if (url.username || url.password) return t('errorEndpointCredentials');
  if (url.search || url.hash) return t('errorEndpointQuery');
  return undefined;
}

/** What the conversation is bound to: changing either starts a new server session. */
export function endpointKey(settings: Pick<Settings, 'endpointUrl' | 'projectId'>): string {
  return `${settings.endpointUrl}\n${settings.projectId}`;
}
