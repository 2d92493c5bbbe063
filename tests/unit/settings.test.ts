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

  it('keeps everything, the API key included, in storage.local only', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, apiKey: 'sk-1' });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toMatchObject({ apiKey: 'sk-1' });
    expect(await fakeBrowser.storage.sync.get(null)).toEqual({});
  });
});
