import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { holdAwake } from '@/utils/background/keep-awake';

describe('holdAwake', () => {
  let calls: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.useFakeTimers();
    calls = vi.fn(async () => ({ os: 'linux', arch: 'x86-64' }) as never);
    fakeBrowser.runtime.getPlatformInfo = calls as never;
  });
  afterEach(() => vi.useRealTimers());

  it('calls an extension API at once, then every 20 s, once however many replies hold it', () => {
    const releaseFirst = holdAwake();
    // At once: the idle clock may have run for most of its 30 s when the reply started.
    expect(calls).toHaveBeenCalledTimes(1);
    const releaseSecond = holdAwake();
    expect(calls).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(20_000);
    expect(calls).toHaveBeenCalledTimes(2);
    releaseFirst();
    releaseFirst();
    vi.advanceTimersByTime(20_000);
    expect(calls).toHaveBeenCalledTimes(3);
    releaseSecond();
    vi.advanceTimersByTime(60_000);
    expect(calls).toHaveBeenCalledTimes(3);
  });
});
