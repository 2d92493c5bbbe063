import { afterEach, describe, expect, it, vi } from 'vitest';
import { abortableSleep, backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from '@/utils/endpoint/retry-policy';

const policy = (random: number) => ({ ...DEFAULT_RETRY_POLICY, random: () => random });

describe('backoffDelay', () => {
  it('doubles the bound from 1 s up to 10 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy(1)))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('draws uniformly below the bound (full jitter)', () => {
    expect(backoffDelay(3, policy(0))).toBe(0);
    expect(backoffDelay(3, policy(0.5))).toBe(2000);
  });

  it('starts from the server’s retry:, which may exceed the usual cap but not the longest wait', () => {
    expect(backoffDelay(1, policy(1), 250)).toBe(250);
    expect(backoffDelay(2, policy(1), 20_000)).toBe(20_000);
    expect(backoffDelay(1, policy(1), 3_600_000)).toBe(60_000);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T10:00:00Z');
  it.each([
    ['5', 5000],
    [' 0 ', 0],
    ['Fri, 27 Nov 2026 10:01:00 GMT', 60_000],
    ['Fri, 27 Nov 2026 09:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([null, '', 'soon', '-3', '1.5'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});

describe('abortableSleep', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves after the time and leaves no timer', async () => {
    vi.useFakeTimers();
    const slept = vi.fn();
    void abortableSleep(1000, new AbortController().signal).then(slept);
    await vi.advanceTimersByTimeAsync(999);
    expect(slept).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(slept).toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects at once on abort, clearing its timer', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const sleeping = abortableSleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ name: 'AbortError' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects when already aborted', async () => {
    await expect(abortableSleep(10, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
  });
});
