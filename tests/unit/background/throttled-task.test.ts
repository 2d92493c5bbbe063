import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottledTask } from '@/utils/background/throttled-task';

describe('createThrottledTask', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs once per interval however often it is requested', async () => {
    const task = vi.fn(async () => {});
    const throttled = createThrottledTask(task, 1000);
    for (let i = 0; i < 500; i++) throttled.request();
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(5000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('flush runs a due task now and waits for it; nothing due, nothing runs', async () => {
    const task = vi.fn(async () => {});
    const throttled = createThrottledTask(task, 1000);
    await throttled.flush();
    expect(task).not.toHaveBeenCalled();
    throttled.request();
    await throttled.flush();
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('never runs two at a time: a request during a run is served after it', async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const task = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => (release = resolve));
      running--;
    });
    const throttled = createThrottledTask(task, 10);
    throttled.request();
    await vi.advanceTimersByTimeAsync(10);
    throttled.request();
    const flushed = throttled.flush();
    release();
    await vi.advanceTimersByTimeAsync(0);
    release();
    await flushed;
    expect(task).toHaveBeenCalledTimes(2);
    expect(most).toBe(1);
  });
});
