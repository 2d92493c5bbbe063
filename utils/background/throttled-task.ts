/**
 * Runs an async task at most once per interval however often it is requested, never two at a
 * time: while a reply streams, its text is saved about once a second, not once per chunk.
 */
export interface ThrottledTask {
  /** Runs the task within `intervalMs`, unless a run is already due. */
  request(): void;
  /** Runs the task now if a run is due or in progress, and resolves when it has finished. */
  flush(): Promise<void>;
}

export function createThrottledTask(task: () => Promise<void>, intervalMs: number): ThrottledTask {
  let due = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> = Promise.resolve();

  const runNow = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    running = running.then(async () => {
      if (!due) return;
      due = false;
      await task();
    });
    return running;
  };

  return {
    request() {
      due = true;
      timer ??= setTimeout(() => void runNow(), intervalMs);
    },
    flush: runNow,
  };
}
