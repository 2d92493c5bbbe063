import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, loadSettings, settingsItem, validateSettings, type SettingsInput } from '@/utils/settings';

const input = (overrides: Partial<SettingsInput> = {}): SettingsInput => ({ ...DEFAULT_SETTINGS, historyLimit: '200', firstByteTimeoutSec: '30', idleTimeoutSec: '45', ...overrides });

describe('validateSettings', () => {
  it('accepts the defaults and trims a trailing slash', () => {
    const result = validateSettings(input({ endpointUrl: ' https://api.example.com/prefix/ ' }));
    expect(result).toEqual({ ok: true, settings: { ...DEFAULT_SETTINGS, endpointUrl: 'https://api.example.com/prefix' } });
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
    expect(await loadSettings()).toEqual({ ...v1, firstByteTimeoutSec: 30, idleTimeoutSec: 45 });
    // Stored migrated, not only filled in on reading.
    expect(await fakeBrowser.storage.local.get(['settings', 'settings$'])).toEqual({ settings: { ...v1, firstByteTimeoutSec: 30, idleTimeoutSec: 45 }, settings$: { v: 2 } });
  });

  it('migrates a value stored before versions were recorded as version 1', async () => {
    const v1 = { ...DEFAULT_SETTINGS, projectId: 'old' } as Partial<typeof DEFAULT_SETTINGS>;
    delete v1.firstByteTimeoutSec;
    delete v1.idleTimeoutSec;
    await fakeBrowser.storage.local.set({ settings: v1 });
    await settingsItem.migrate();
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({ ...DEFAULT_SETTINGS, projectId: 'old' });
  });

  it('leaves a version 2 value alone', async () => {
    const v2 = { ...DEFAULT_SETTINGS, idleTimeoutSec: 120 };
    await settingsItem.setValue(v2);
    await settingsItem.migrate();
    expect(await loadSettings()).toEqual(v2);
  });

  it('keeps everything, the API key included, in storage.local only', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: 'sk-1' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ apiKey: 'sk-1' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
