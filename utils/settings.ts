/** The options, their defaults, and where they live in extension storage (validation: utils/options/settings-form.ts). */
import { storage } from 'wxt/utils/storage';

export type Theme = 'system' | 'light' | 'dark';

/** Which wire protocol the endpoint speaks (utils/endpoint/protocols/). */
export type EndpointType = 'sidechat' | 'openai';

/** One endpoint, all its fields together: what a saved-endpoints list would hold one of. */
export interface EndpointConfig {
  type: EndpointType;
  /** Sidechat: the server's base URL; OpenAI-compatible: the base up to the API version (…/v1). */
  url: string;
  /** Sidechat protocol only. */
  projectId: string;
  /** Kept in storage.local only: it never syncs to other machines. Optional for OpenAI-compatible servers. */
  apiKey: string;
  /** OpenAI-compatible only: the model to ask. */
  model: string;
  /** The user's own instructions for the model; empty for none. */
  systemPrompt: string;
}

export interface Settings {
  endpoint: EndpointConfig;
  /** OpenAI-compatible: how much of the conversation is sent with each question, in tokens (~4 characters each). */
  contextBudgetTokens: number;
  streaming: boolean;
  /** How many messages the panel keeps; older ones are dropped from memory and the page. */
  historyLimit: number;
  /** Seconds to wait for the server to start answering; a timeout is retried when that is safe. */
  firstByteTimeoutSec: number;
  /** Seconds a stream may send no bytes at all before it counts as dropped (and is resumed where it can be). */
  idleTimeoutSec: number;
  debug: boolean;
  theme: Theme;
}

export const DEFAULT_ENDPOINT: EndpointConfig = { type: 'sidechat', url: 'http://127.0.0.1:8787', projectId: 'demo', apiKey: '', model: '', systemPrompt: '' };

export const DEFAULT_SETTINGS: Settings = {
  endpoint: DEFAULT_ENDPOINT,
  contextBudgetTokens: 8_000,
  streaming: true,
  historyLimit: 200,
  firstByteTimeoutSec: 30,
  idleTimeoutSec: 45,
  debug: false,
  theme: 'system',
};

type SettingsV2 = Omit<Settings, 'endpoint' | 'contextBudgetTokens'> & { endpointUrl: string; projectId: string; apiKey: string };

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 3,
  migrations: {
    // The values are written out, not taken from DEFAULT_SETTINGS: a migration must keep meaning
    // what it meant when it was written, whatever the defaults become later.
    2: (old: Omit<SettingsV2, 'firstByteTimeoutSec' | 'idleTimeoutSec'>): SettingsV2 => ({ firstByteTimeoutSec: 30, idleTimeoutSec: 45, ...old }),
    // A value already in this shape (written where no version was recorded) stays as it is.
    3: (old: SettingsV2 | Settings): Settings => {
      if ('endpoint' in old) return old;
      const { endpointUrl, projectId, apiKey, ...rest } = old;
      return { ...rest, endpoint: { type: 'sidechat', url: endpointUrl, projectId, apiKey, model: '', systemPrompt: '' }, contextBudgetTokens: 8_000 };
    },
  },
});

export async function loadSettings(): Promise<Settings> {
  const saved = await settingsItem.getValue();
  return { ...DEFAULT_SETTINGS, ...saved, endpoint: { ...DEFAULT_ENDPOINT, ...saved.endpoint } };
}

/** What the conversation's server session is bound to: changing it starts a new one. */
export function endpointKey({ endpoint: { type, url, projectId } }: Pick<Settings, 'endpoint'>): string {
  // The Sidechat key is what it was before there were types, so saved conversations keep their sessions.
  return type === 'sidechat' ? `${url}\n${projectId}` : `${type}\n${url}`;
}

/** The secrets debug logging must never print: every key the settings hold. */
export function loggingFrom(settings: Pick<Settings, 'debug' | 'endpoint'>): { debug: boolean; keys: string[] } {
  return { debug: settings.debug, keys: [settings.endpoint.apiKey].filter(Boolean) };
}
