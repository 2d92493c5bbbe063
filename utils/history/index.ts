/** The conversation history: where it is kept depends on whether the window may write to disk. */
import { createIdbStore } from './idb-store';
import { createSessionStore } from './session-store';
import type { HistoryStore } from './types';

export { HistoryError, type HistoryErrorCode } from './errors';
export type * from './types';

/** `persistent: false` for a private window: its conversations never reach the disk. */
export function openHistoryStore({ persistent }: { persistent: boolean }): HistoryStore {
  return persistent ? createIdbStore() : createSessionStore();
}
