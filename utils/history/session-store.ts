/**
 * Private windows' history, mirrored to storage.session: kept in memory by the browser and never
 * written to disk, it outlives a stopped service worker (or a suspended Firefox event page) and is
 * gone when the browser closes. One key per conversation and per message, so a streaming reply's
 * save rewrites that message alone.
 */
import { browser, type Browser } from 'wxt/browser';
import { createMemoryStore, type MemoryChange, type MemoryContents, type MemoryStoreOptions } from './memory-store';
import type { ConversationSummary, HistoryStore, StoredMessage } from './types';

const CONVERSATION = 'private-conversation:';
const MESSAGE = 'private-message:';

type StorageArea = Pick<Browser.storage.StorageArea, 'get' | 'set' | 'remove'>;

export interface SessionStoreOptions extends Omit<MemoryStoreOptions, 'mirror'> {
  area?: StorageArea;
}

export function createSessionStore({ area = browser.storage.session, ...options }: SessionStoreOptions = {}): HistoryStore {
  return createMemoryStore({
    ...options,
    mirror: {
      async load(): Promise<MemoryContents> {
        const all = Object.entries(await area.get(null));
        const under = <T>(prefix: string) => all.filter(([key]) => key.startsWith(prefix)).map(([, value]) => value as T);
        return { conversations: under<ConversationSummary>(CONVERSATION), messages: under<StoredMessage>(MESSAGE) };
      },
      async write({ conversations, messages }: MemoryChange) {
        const put = Object.fromEntries([
          ...conversations.put.map((c) => [CONVERSATION + c.id, c]),
          ...messages.put.map((m) => [MESSAGE + m.id, m]),
        ]);
        const removed = [...conversations.removed.map((id) => CONVERSATION + id), ...messages.removed.map((id) => MESSAGE + id)];
        // One set: the browser stores all of it or, over quota, none of it.
        if (Object.keys(put).length) await area.set(put);
        if (removed.length) await area.remove(removed);
      },
    },
  });
}
