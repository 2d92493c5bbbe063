/**
 * Where each running reply's stream stands, in storage.session: it outlives a terminated
 * service worker (and is never written to disk). The text itself is saved with the history;
 * a checkpoint names how much of that text belongs to the events up to `lastEventId`, so the
 * resumed stream continues exactly where the saved text ends.
 */
import { browser } from 'wxt/browser';
import type { MessageSnapshot } from '../contract/port-messages';
import type { StreamPosition } from './reply-runner';

export interface ReplyCheckpoint {
  windowId: number;
  conversationId: string;
  /** The reply as it stood, its text left out (it is in the history). */
  record: Omit<MessageSnapshot, 'text'>;
  textLength: number;
  position: StreamPosition;
}

const PREFIX = 'checkpoint:';

export async function saveCheckpoint(checkpoint: ReplyCheckpoint): Promise<void> {
  await browser.storage.session.set({ [PREFIX + checkpoint.record.id]: checkpoint });
}

export async function removeCheckpoint(replyId: string): Promise<void> {
  await browser.storage.session.remove(PREFIX + replyId);
}

/** Replies a previous worker was running; each stays checkpointed until it ends or is given up. */
export async function loadCheckpoints(): Promise<ReplyCheckpoint[]> {
  const all = await browser.storage.session.get(null);
  return Object.entries(all)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([, value]) => value as ReplyCheckpoint);
}
