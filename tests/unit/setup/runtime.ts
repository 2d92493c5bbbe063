/** WXT's fake browser throws on runtime.getPlatformInfo, which the keep-alive calls: answer as Linux would. */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.runtime.getPlatformInfo = (async () => ({ os: 'linux', arch: 'x86-64', nacl_arch: 'x86-64' })) as typeof fakeBrowser.runtime.getPlatformInfo;
});
