/**
 * Saves messages while they stream without a write per chunk: each write replaces the pending
 * copy of its message, and everything pending goes to the store in one transaction at most once
 * per interval.
 */
import type { HistoryStore, StoredMessage } from './types';

export interface BatchedWriter {
  /** Queues the message's latest state; an earlier pending state of the same message is dropped. */
  write(message: StoredMessage): void;
  /** Writes what is pending now; resolves when it (and every earlier batch) is saved, rejects if it failed. */
  flush(): Promise<void>;
}

export function createBatchedWriter(store: Pick<HistoryStore, 'putMessages'>, { intervalMs = 1000, onError }: { intervalMs?: number; onError: (error: unknown) => void }): BatchedWriter {
  let pending = new Map<string, StoredMessage>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Batches are saved one after another, so an older state never lands after a newer one.
  let saved: Promise<void> = Promise.resolve();

  function flush(): Promise<void> {
    clearTimeout(timer);
    timer = undefined;
    if (pending.size === 0) return saved;
    const batch = [...pending.values()];
    pending = new Map();
    // A failed batch is not queued again: each record is a whole message, so its next write carries everything.
    const result = saved.then(() => store.putMessages(batch));
    saved = result.catch(() => {});
    return result;
  }

  return {
    write(message) {
      pending.set(message.id, message);
      timer ??= setTimeout(() => flush().catch(onError), intervalMs);
    },
    flush,
  };
}
