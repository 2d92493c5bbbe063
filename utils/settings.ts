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
  /** Seconds to wait for the server to start answering; a timeout is retried. */
  firstByteTimeoutSec: number;
  /** Seconds a stream may send no bytes at all before it counts as dropped (and is resumed). */
  idleTimeoutSec: number;
  debug: boolean;
  theme: Theme;
}

export const DEFAULT_SETTINGS: Settings = {
  endpointUrl: 'http://127.0.0.1:8787',
  projectId: 'demo',
  apiKey: '',
  streaming: true,
  historyLimit: 200,
  firstByteTimeoutSec: 30,
  idleTimeoutSec: 45,
  debug: false,
  theme: 'system',
};

export const TIMEOUT_RANGE_SEC = { min: 5, max: 600 };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 2,
  migrations: {
    // The values are written out, not taken from DEFAULT_SETTINGS: a migration must keep meaning
    // what it meant when it was written, whatever the defaults become later.
    2: (old: Omit<Settings, 'firstByteTimeoutSec' | 'idleTimeoutSec'>): Settings => ({ firstByteTimeoutSec: 30, idleTimeoutSec: 45, ...old }),
  },
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

  const firstByteTimeoutSec = readSeconds(input.firstByteTimeoutSec);
  if (firstByteTimeoutSec === undefined) errors.firstByteTimeoutSec = t('errorTimeoutRange');
  const idleTimeoutSec = readSeconds(input.idleTimeoutSec);
  if (idleTimeoutSec === undefined) errors.idleTimeoutSec = t('errorTimeoutRange');

  if (Object.keys(errors).length > 0 || firstByteTimeoutSec === undefined || idleTimeoutSec === undefined) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      endpointUrl: endpointUrl.replace(/\/+$/, ''),
      projectId,
      apiKey: String(input.apiKey).trim(),
      streaming: Boolean(input.streaming),
      historyLimit,
      firstByteTimeoutSec,
      idleTimeoutSec,
      debug: Boolean(input.debug),
      theme: THEMES.includes(input.theme as Theme) ? (input.theme as Theme) : 'system',
    },
  };
}

/** A whole number of seconds within TIMEOUT_RANGE_SEC, or undefined. */
function readSeconds(value: string | boolean): number | undefined {
  const text = String(value).trim();
  const seconds = Number(text);
  return /^\d+$/.test(text) && seconds >= TIMEOUT_RANGE_SEC.min && seconds <= TIMEOUT_RANGE_SEC.max ? seconds : undefined;
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

/**
 * A stored settings value from elsewhere (an imported file), checked as the form checks what a
 * person types: fields it lacks take their defaults. Keep this in step with the shape of Settings.
 */
export function parseStoredSettings(value: unknown): ValidatedSettings {
  const stored: Record<string, unknown> = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const input = Object.fromEntries(
    (Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>).map((field) => {
      const given = stored[field] ?? DEFAULT_SETTINGS[field];
      return [field, typeof given === 'boolean' ? given : String(given)];
    }),
  ) as SettingsInput;
  return validateSettings(input);
}
