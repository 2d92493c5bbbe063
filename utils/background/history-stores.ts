/**
 * Which history a window's conversations go to: IndexedDB, or — for a private window —
 * storage.session, which the browser keeps in memory only, so nothing said there is ever written
 * to disk.
 */
import { browser } from 'wxt/browser';
import { openHistoryStore } from '../history';
import type { HistoryStore } from '../history/types';

let persistent: HistoryStore | undefined;
let inMemory: HistoryStore | undefined;

/** A window id that names no window (`-1`) gets the history on disk. */
export async function historyStoreFor(windowId: number): Promise<HistoryStore> {
  const isPrivate = windowId >= 0 && (await browser.windows.get(windowId).then((w) => w?.incognito === true, () => false));
  if (isPrivate) return (inMemory ??= openHistoryStore({ persistent: false }));
  return (persistent ??= openHistoryStore({ persistent: true }));
}
