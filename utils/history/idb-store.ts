/** The history in IndexedDB: one record per conversation and per message, each write one transaction. */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { openHistoryDatabase } from './database';
import { toHistoryError } from './errors';
import { byConversation } from './group';
import { DB_NAME, type HistoryDB } from './schema';
import { titleAfterPut } from './title';
import type { ConversationSummary, HistoryStore, StoredMessage } from './types';

type Stores = StoreNames<HistoryDB>;
type WriteTransaction = IDBPTransaction<HistoryDB, Stores[], 'readwrite'>;

export interface IdbStoreOptions {
  name?: string;
  now?: () => number;
  newId?: () => string;
}

/** All of a conversation's messages, or those from `fromSeq` on (or before `beforeSeq`). */
function seqRange(conversationId: string, { fromSeq = -Infinity, beforeSeq }: { fromSeq?: number; beforeSeq?: number } = {}): IDBKeyRange {
  return IDBKeyRange.bound([conversationId, fromSeq], [conversationId, beforeSeq ?? Infinity], false, beforeSeq !== undefined);
}

export function createIdbStore({ name = DB_NAME, now = Date.now, newId = () => crypto.randomUUID() }: IdbStoreOptions = {}): HistoryStore {
  let connection: Promise<IDBPDatabase<HistoryDB>> | undefined;

  function database(): Promise<IDBPDatabase<HistoryDB>> {
    if (connection) return connection;
    const opening = openHistoryDatabase(name, { onClosed: () => forget(opening) });
    // A failed open is tried again on the next call: the disk may have room by then.
    opening.catch(() => forget(opening));
    return (connection = opening);
  }

  function forget(which: Promise<unknown>): void {
    if (connection === which) connection = undefined;
  }

  async function withDatabase<T>(work: (db: IDBPDatabase<HistoryDB>) => Promise<T>): Promise<T> {
    try {
      return await work(await database());
    } catch (error) {
      throw toHistoryError(error);
    }
  }

  /** Runs `work` in one transaction; if anything in it fails, none of it is saved. */
  function write<T>(stores: Stores[], work: (tx: WriteTransaction) => Promise<T>): Promise<T> {
    return withDatabase(async (db) => {
      const tx = db.transaction(stores, 'readwrite');
      // When `work` throws, the abort below rejects `done` too: the error is already on its way.
      tx.done.catch(() => {});
      try {
        const result = await work(tx);
        await tx.done;
        return result;
      } catch (error) {
        abortQuietly(tx);
        throw error;
      }
    });
  }

  async function refreshSummary(tx: WriteTransaction, summary: ConversationSummary, written: StoredMessage[]): Promise<void> {
    const messageCount = await tx.objectStore('messages').index('byConversation').count(seqRange(summary.id));
    // An emptied conversation takes its title from whatever is written into it next.
    const title = messageCount === 0 ? '' : titleAfterPut(summary.title, written);
    await tx.objectStore('conversations').put({ ...summary, title, messageCount, updatedAt: now() });
  }

  return {
    createConversation: (init = {}) =>
      write(['conversations'], async (tx) => {
        const time = now();
        const summary: ConversationSummary = { title: '', ...init, id: init.id ?? newId(), createdAt: time, updatedAt: time, messageCount: 0 };
        await tx.objectStore('conversations').add(summary);
        return summary;
      }),

    getConversation: (id) => withDatabase((db) => db.get('conversations', id)),

    listConversations: () => withDatabase(async (db) => (await db.getAllFromIndex('conversations', 'byUpdatedAt')).reverse()),

    updateConversation: (id, patch) =>
      write(['conversations'], async (tx) => {
        const summary = await tx.objectStore('conversations').get(id);
        if (!summary) return undefined;
        const updated = { ...summary, ...patch };
        await tx.objectStore('conversations').put(updated);
        return updated;
      }),

    deleteConversation: (id) =>
      write(['conversations', 'messages'], async (tx) => {
        const messages = tx.objectStore('messages');
        for (const key of await messages.index('byConversation').getAllKeys(seqRange(id))) await messages.delete(key);
        await tx.objectStore('conversations').delete(id);
      }),

    clearAll: () =>
      write(['conversations', 'messages'], async (tx) => {
        await tx.objectStore('messages').clear();
        await tx.objectStore('conversations').clear();
      }),

    async putMessages(messages) {
      if (messages.length === 0) return;
      await write(['conversations', 'messages'], async (tx) => {
        for (const [conversationId, written] of byConversation(messages)) {
          const summary = await tx.objectStore('conversations').get(conversationId);
          if (!summary) continue;
          // One at a time: a message that cannot be stored throws here, before the next is queued.
          for (const message of written) await tx.objectStore('messages').put(message);
          await refreshSummary(tx, summary, written);
        }
      });
    },

    deleteMessages: (conversationId, fromSeq) =>
      write(['conversations', 'messages'], async (tx) => {
        const messages = tx.objectStore('messages');
        for (const key of await messages.index('byConversation').getAllKeys(seqRange(conversationId, { fromSeq }))) await messages.delete(key);
        const summary = await tx.objectStore('conversations').get(conversationId);
        if (summary) await refreshSummary(tx, summary, []);
      }),

    getMessage: (id) => withDatabase((db) => db.get('messages', id)),

    loadRecent: (conversationId, limit, beforeSeq) =>
      withDatabase(async (db) => {
        const index = db.transaction('messages').store.index('byConversation');
        const newestFirst: StoredMessage[] = [];
        let cursor = await index.openCursor(seqRange(conversationId, { beforeSeq }), 'prev');
        while (cursor && newestFirst.length < limit) {
          newestFirst.push(cursor.value);
          cursor = await cursor.continue();
        }
        return { messages: newestFirst.reverse(), hasOlder: cursor !== null };
      }),

    nextSeq: (conversationId) =>
      withDatabase(async (db) => {
        const last = await db.transaction('messages').store.index('byConversation').openKeyCursor(seqRange(conversationId), 'prev');
        return last ? last.key[1] + 1 : 0;
      }),

    close() {
      void connection?.then((db) => db.close(), () => {});
      connection = undefined;
    },
  };
}

function abortQuietly(tx: WriteTransaction): void {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted by the browser: nothing of it was committed after the failure.
  }
}
