import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createOptionsModel } from '@/utils/options/options-model';
import { DEFAULT_SETTINGS, loadSettings } from '@/utils/settings';

describe('options model', () => {
  beforeEach(() => fakeBrowser.reset());

  it('saves valid settings without asking for loopback permissions', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request');
    const model = createOptionsModel();
    await model.load();
    model.set('projectId', 'team-a');
    await model.save();
    expect(model.status.value).toEqual({ kind: 'saved' });
    expect(request).not.toHaveBeenCalled();
    expect((await loadSettings()).endpoint.projectId).toBe('team-a');
  });

  it('shows the timeouts as text and saves them as numbers', async () => {
    const model = createOptionsModel();
    await model.load();
    expect(model.values.value).toMatchObject({ firstByteTimeoutSec: '30', idleTimeoutSec: '45' });
    model.set('firstByteTimeoutSec', '90');
    model.set('idleTimeoutSec', '120');
    await model.save();
    expect(await loadSettings()).toMatchObject({ firstByteTimeoutSec: 90, idleTimeoutSec: 120 });
    expect(model.values.value).toMatchObject({ firstByteTimeoutSec: '90', idleTimeoutSec: '120' });
  });

  it('does not save a timeout out of range', async () => {
    const model = createOptionsModel();
    await model.load();
    model.set('idleTimeoutSec', '2');
    await model.save();
    expect(model.status.value).toEqual({ kind: 'invalid' });
    expect(model.errors.value).toEqual({ idleTimeoutSec: 'Enter a whole number of seconds between 5 and 600.' });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('does not save invalid settings and says which field is wrong', async () => {
    const model = createOptionsModel();
    model.set('endpointUrl', 'not a url');
    await model.save();
    expect(model.status.value).toEqual({ kind: 'invalid' });
    expect(model.errors.value.endpointUrl).toContain('is not a URL');
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('asks for the host permission of another origin, and saves nothing when refused', async () => {
    const request = vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(false);
    const model = createOptionsModel();
    model.set('endpointUrl', 'https://api.example.com:8443/v1');
    await model.save();
    expect(request).toHaveBeenCalledWith({ origins: ['https://api.example.com/*'] });
    expect(model.status.value).toMatchObject({ kind: 'failed', message: expect.stringContaining('api.example.com:8443') });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  it('saves another origin once its permission is granted', async () => {
    vi.spyOn(fakeBrowser.permissions, 'request').mockResolvedValue(true);
    const model = createOptionsModel();
    model.set('endpointUrl', 'https://api.example.com');
    await model.save();
    expect((await loadSettings()).endpoint.url).toBe('https://api.example.com');
  });
});
