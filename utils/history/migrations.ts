/**
 * How the history database reaches its current version. Step i takes version i to i + 1 inside
 * the browser's upgrade transaction: if any step fails, the transaction aborts and the data stays
 * as it was at the old version. Append steps; never edit one that has shipped.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { IndexChanges, noteWrite } from './idb-search-index';
import type { HistoryDB } from './schema';

type UpgradeTransaction = IDBPTransaction<HistoryDB, StoreNames<HistoryDB>[], 'versionchange'>;
export type Migration = (db: IDBPDatabase<HistoryDB>, tx: UpgradeTransaction) => void | Promise<void>;

export const MIGRATIONS: Migration[] = [
  // v1: conversations by id, messages by id with their order within a conversation.
  (db) => {
    db.createObjectStore('conversations', { keyPath: 'id' });
    db.createObjectStore('messages', { keyPath: 'id' }).createIndex('byConversation', ['conversationId', 'seq']);
  },
  // v2: the conversation list, newest first, without reading every conversation.
  (_db, tx) => {
    tx.objectStore('conversations').createIndex('byUpdatedAt', 'updatedAt');
  },
  // v3: the word index for search, built from what is saved. Pins and names are fields of a
  // conversation (`pinned`, `renamed`), absent until set, so no record needs rewriting for them.
  async (db, tx) => {
    db.createObjectStore('searchTerms', { keyPath: 'term' });
    db.createObjectStore('termCounts', { keyPath: 'term' });
    db.createObjectStore('messageTerms', { keyPath: 'id' }).createIndex('byConversation', 'conversationId');
    const messages = tx.objectStore('messages').index('byConversation');
    // Noted for all conversations and applied once: each term's record is written once.
    const changes = new IndexChanges();
    for (const conversation of await tx.objectStore('conversations').getAll()) {
      const own = await messages.getAll(IDBKeyRange.bound([conversation.id, -Infinity], [conversation.id, Infinity]));
      await noteWrite(tx, changes, conversation.id, own, { before: '', after: conversation.title }, true);
    }
    await changes.apply(tx);
  },
];

export const DB_VERSION = MIGRATIONS.length;

/** Runs the steps from `oldVersion` up to `newVersion`, in order; a failing step aborts the upgrade. */
export async function migrate(db: IDBPDatabase<HistoryDB>, tx: UpgradeTransaction, oldVersion: number, newVersion: number): Promise<void> {
  try {
    for (const step of MIGRATIONS.slice(oldVersion, newVersion)) await step(db, tx);
  } catch (error) {
    // The open request reports the failure; the aborted upgrade needs no second report.
    tx.done.catch(() => {});
    tx.abort();
    throw error;
  }
}
