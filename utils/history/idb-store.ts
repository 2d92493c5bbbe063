/** The history in IndexedDB: one record per conversation and per message, each write one transaction. */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { openHistoryDatabase } from './database';
import { toHistoryError } from './errors';
import { isRunning } from '../contract/port-messages';
import { byConversation } from './group';
import { IndexChanges, indexWrite, noteDeletedConversation, noteDeletedMessages, noteWrite, searchIndex } from './idb-search-index';
import { importDecision, importedConversations, pinnedFirst } from './merge';
import { DB_NAME, type HistoryDB } from './schema';
import { titleAfterPut } from './title';
import type { ConversationSummary, HistoryStore, ImportCounts, StoredMessage } from './types';

type Stores = StoreNames<HistoryDB>;
type WriteTransaction = IDBPTransaction<HistoryDB, Stores[], 'readwrite'>;

/** Every write may touch the word index. */
const ALL: Stores[] = ['conversations', 'messages', 'searchTerms', 'termCounts', 'messageTerms'];

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

  /** After `written` was put: the count, the time, the title, and the index of both. */
  async function refreshSummary(tx: WriteTransaction, summary: ConversationSummary, written: StoredMessage[], changes = new IndexChanges()): Promise<void> {
    const messageCount = await tx.objectStore('messages').index('byConversation').count(seqRange(summary.id));
    // An emptied conversation takes its title from whatever is written into it next, unless the user named it.
    const title = messageCount === 0 && !summary.renamed ? '' : titleAfterPut(summary.title, written);
    await tx.objectStore('conversations').put({ ...summary, title, messageCount, updatedAt: now() });
    // A streaming reply is saved about once a second; it is indexed once, when it ends (its last save).
    const settled = written.filter((message) => !isRunning(message.state));
    await noteWrite(tx, changes, summary.id, settled, { before: summary.title, after: title });
    await changes.apply(tx);
  }

  /** Replaces a conversation, messages and index, with an imported copy; the index changes are noted in `changes`. */
  async function replaceWith(tx: WriteTransaction, changes: IndexChanges, conversation: ConversationSummary, messages: StoredMessage[]): Promise<void> {
    await removeConversation(tx, changes, conversation.id);
    await Promise.all([tx.objectStore('conversations').put(conversation), ...messages.map((m) => tx.objectStore('messages').put(m))]);
    await noteWrite(tx, changes, conversation.id, messages, { before: '', after: conversation.title }, true);
  }

  async function removeConversation(tx: WriteTransaction, changes: IndexChanges, id: string): Promise<void> {
    const summary = await tx.objectStore('conversations').get(id);
    if (!summary) return;
    const messages = tx.objectStore('messages');
    for (const key of await messages.index('byConversation').getAllKeys(seqRange(id))) await messages.delete(key);
    await tx.objectStore('conversations').delete(id);
    await noteDeletedConversation(tx, changes, id, summary.title);
  }

  return {
    createConversation: (init = {}) =>
      write(ALL, async (tx) => {
        const time = now();
        const summary: ConversationSummary = { title: '', ...init, id: init.id ?? newId(), createdAt: time, updatedAt: time, messageCount: 0 };
        await tx.objectStore('conversations').add(summary);
        await indexWrite(tx, summary.id, [], { before: '', after: summary.title }, true);
        return summary;
      }),

    getConversation: (id) => withDatabase((db) => db.get('conversations', id)),

    listConversations: () => withDatabase(async (db) => pinnedFirst((await db.getAllFromIndex('conversations', 'byUpdatedAt')).reverse())),

    search: (query, limit) => withDatabase((db) => searchIndex(db, query, limit)),

    updateConversation: (id, patch) =>
      write(ALL, async (tx) => {
        const summary = await tx.objectStore('conversations').get(id);
        if (!summary) return undefined;
        const updated = { ...summary, ...patch };
        await tx.objectStore('conversations').put(updated);
        await indexWrite(tx, id, [], { before: summary.title, after: updated.title });
        return updated;
      }),

    deleteConversation: (id) =>
      write(ALL, async (tx) => {
        const changes = new IndexChanges();
        await removeConversation(tx, changes, id);
        await changes.apply(tx);
      }),

    clearAll: () => write(ALL, async (tx) => void (await Promise.all(ALL.map((name) => tx.objectStore(name).clear())))),

    async putMessages(messages) {
      if (messages.length === 0) return;
      await write(ALL, async (tx) => {
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
      write(ALL, async (tx) => {
        const messages = tx.objectStore('messages');
        const keys = await messages.index('byConversation').getAllKeys(seqRange(conversationId, { fromSeq }));
        for (const key of keys) await messages.delete(key);
        const changes = new IndexChanges();
        await noteDeletedMessages(tx, changes, conversationId, keys);
        const summary = await tx.objectStore('conversations').get(conversationId);
        if (summary) await refreshSummary(tx, summary, [], changes);
        else await changes.apply(tx);
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

    dump: () =>
      withDatabase(async (db) => {
        const tx = db.transaction(['conversations', 'messages']);
        const [conversations, messages] = await Promise.all([tx.objectStore('conversations').getAll(), tx.objectStore('messages').getAll()]);
        return { conversations, messages };
      }),

    importConversations: (dump) =>
      write(ALL, async (tx) => {
        const counts: ImportCounts = { added: 0, replaced: 0, kept: 0 };
        // Noted for every conversation and applied once: each term's record is written once.
        const changes = new IndexChanges();
        for (const { conversation, messages } of importedConversations(dump)) {
          const decision = importDecision(await tx.objectStore('conversations').get(conversation.id), conversation);
          if (decision === 'keep') counts.kept++;
          else {
            await replaceWith(tx, changes, conversation, messages);
            counts[decision === 'add' ? 'added' : 'replaced']++;
          }
        }
        await changes.apply(tx);
        return counts;
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
