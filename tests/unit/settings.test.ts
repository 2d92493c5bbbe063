import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, type Settings } from '@/utils/settings';
import { toInput, validateSettings, type SettingsInput } from '@/utils/options/settings-form';

const input = (overrides: Partial<SettingsInput> = {}): SettingsInput => ({ ...toInput(DEFAULT_SETTINGS), ...overrides });
const withEndpoint = (endpoint: Partial<Settings['endpoint']>, rest: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...rest, endpoint: { ...DEFAULT_SETTINGS.endpoint, ...endpoint } });

describe('validateSettings', () => {
  it('accepts the defaults and trims a trailing slash', () => {
    const result = validateSettings(input({ endpointUrl: ' https://api.example.com/prefix/ ' }));
    expect(result).toEqual({ ok: true, settings: withEndpoint({ url: 'https://api.example.com/prefix' }) });
  });

  it.each([
    ['', 'Enter the endpoint URL'],
    ['localhost:8787', 'is not a URL'],
    ['ftp://example.com', 'must use http or https, not ftp'],
    ['http://user:pw@example.com', 'Put credentials in the API key field'],
    ['http://example.com/?a=1', 'cannot have a query'],
  ])('refuses the endpoint %j with a clear message', (endpointUrl, message) => {
    const result = validateSettings(input({ endpointUrl }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.endpointUrl).toContain(message);
  });

  it.each(['4', '601', '30.5', '', 'abc', '-10'])('refuses the timeout %j', (value) => {
    const result = validateSettings(input({ firstByteTimeoutSec: value, idleTimeoutSec: value }));
    expect(result).toEqual({
      ok: false,
      errors: { firstByteTimeoutSec: 'Enter a whole number of seconds between 5 and 600.', idleTimeoutSec: 'Enter a whole number of seconds between 5 and 600.' },
    });
  });

  it('accepts timeouts from 5 to 600 seconds, as numbers', () => {
    const result = validateSettings(input({ firstByteTimeoutSec: ' 5 ', idleTimeoutSec: '600' }));
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, firstByteTimeoutSec: 5, idleTimeoutSec: 600 } });
  });

  it('requires a project and a sensible history limit', () => {
    const result = validateSettings(input({ projectId: ' ', historyLimit: '1.5' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['historyLimit', 'projectId']);
  });
});

describe('settings storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('falls back to the defaults on a fresh install', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('has the timeouts the issue names by default', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({ firstByteTimeoutSec: 30, idleTimeoutSec: 45 });
  });

  it('migrates a version 1 value: the user’s settings stay, the new fields get their defaults', async () => {
    const v1 = { endpointUrl: 'https://api.example.com', projectId: 'team-a', apiKey: 'sk-1', streaming: false, historyLimit: 50, debug: true, theme: 'dark' };
    await fakeBrowser.storage.local.set({ settings: v1, settings$: { v: 1 } });
    await settingsItem.migrate();
    const migrated = withEndpoint({ url: 'https://api.example.com', projectId: 'team-a', apiKey: 'sk-1' }, { streaming: false, historyLimit: 50, debug: true, theme: 'dark', firstByteTimeoutSec: 30, idleTimeoutSec: 45 });
    expect(await loadSettings()).toEqual(migrated);
    // Stored migrated, not only filled in on reading.
    expect(await fakeBrowser.storage.local.get(['settings', 'settings$'])).toEqual({ settings: migrated, settings$: { v: 3 } });
  });

  it('migrates a value stored before versions were recorded as version 1', async () => {
    const v1 = { endpointUrl: 'http://127.0.0.1:8787', projectId: 'old', apiKey: '', streaming: true, historyLimit: 200, debug: false, theme: 'system' };
    await fakeBrowser.storage.local.set({ settings: v1 });
    await settingsItem.migrate();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual(withEndpoint({ projectId: 'old' }));
  });

  it('migrates a version 2 value: the endpoint’s fields move into one object, nothing is lost', async () => {
    const v2 = { endpointUrl: 'http://10.0.0.5:9000/x', projectId: 'p', apiKey: 'sk-2', streaming: true, historyLimit: 80, firstByteTimeoutSec: 60, idleTimeoutSec: 120, debug: false, theme: 'light' };
    await fakeBrowser.storage.local.set({ settings: v2, settings$: { v: 2 } });
    await settingsItem.migrate();
    expect(await loadSettings()).toEqual({
      endpoint: { type: 'sidechat', url: 'http://10.0.0.5:9000/x', projectId: 'p', apiKey: 'sk-2', model: '', systemPrompt: '' },
      contextBudgetTokens: 8000,
      streaming: true,
      historyLimit: 80,
      firstByteTimeoutSec: 60,
      idleTimeoutSec: 120,
      debug: false,
      theme: 'light',
    });
  });

  it('leaves a version 3 value alone', async () => {
    const v3 = withEndpoint({ type: 'openai', url: 'http://127.0.0.1:11434/v1', model: 'llama3.2' }, { idleTimeoutSec: 120 });
    await settingsItem.setValue(v3);
    await settingsItem.migrate();
    expect(await loadSettings()).toEqual(v3);
  });

  it('keeps everything, the API key included, in storage.local only', async () => {
    await settingsItem.setValue(withEndpoint({ apiKey: 'sk-1' }));
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ endpoint: { apiKey: 'sk-1' } });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
