import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { openHistoryDatabase } from '@/utils/history/database';
import { createIdbStore } from '@/utils/history/idb-store';
import { DB_VERSION, MIGRATIONS } from '@/utils/history/migrations';
import type { ConversationSummary } from '@/utils/history/types';
import { freshDatabaseName, message } from '../../fixtures/history';

const conversation = (id: string, updatedAt: number): ConversationSummary => ({ id, title: `Title ${id}`, createdAt: 1, updatedAt, messageCount: 2, sessionId: `s-${id}` });

/** A database as version 1 of the extension left it. */
async function createVersion1(name: string): Promise<void> {
  const db = await openHistoryDatabase(name, { version: 1 });
  const tx = db.transaction(['conversations', 'messages'], 'readwrite');
  for (const [id, updatedAt] of [['old', 100], ['new', 200]] as const) {
    await tx.objectStore('conversations').put(conversation(id, updatedAt));
    for (const seq of [0, 1]) await tx.objectStore('messages').put(message(id, seq));
  }
  await tx.done;
  db.close();
}

describe('history migrations', () => {
  afterEach(() => {
    if (MIGRATIONS.length > DB_VERSION) MIGRATIONS.splice(DB_VERSION);
  });

  it('has one step per version', () => {
    expect(MIGRATIONS).toHaveLength(DB_VERSION);
    expect(DB_VERSION).toBeGreaterThanOrEqual(2);
  });

  it('brings a version 1 database up to date with every conversation and message intact', async () => {
    const name = freshDatabaseName();
    await createVersion1(name);

    const store = createIdbStore({ name });
    expect(await store.listConversations()).toEqual([conversation('new', 200), conversation('old', 100)]);
    for (const id of ['old', 'new']) expect((await store.loadRecent(id, 10)).messages).toEqual([message(id, 0), message(id, 1)]);
    store.close();

    const db = await openHistoryDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.transaction('conversations').store.indexNames]).toEqual(['byUpdatedAt']);
    db.close();
  });

  it('indexes what version 2 saved, so search finds it at once', async () => {
    const name = freshDatabaseName();
    const db = await openHistoryDatabase(name, { version: 2 });
    await db.put('conversations', conversation('kept', 100));
    await db.put('messages', message('kept', 0, { text: 'an otter in the harbour' }));
    db.close();

    const store = createIdbStore({ name });
    expect((await store.search('otter', 5)).hits.map((hit) => hit.conversation.id)).toEqual(['kept']);
    expect((await store.search('title kept', 5)).hits.map((hit) => hit.conversation.id)).toEqual(['kept']);
    store.close();
  });

  it('leaves the data at the old version when a step fails', async () => {
    const name = freshDatabaseName();
    await createVersion1(name);
    MIGRATIONS.push(() => {
      throw new Error('the next step broke');
    });

    await expect(openHistoryDatabase(name, { version: DB_VERSION + 1 })).rejects.toThrow('the next step broke');

    const db = await openHistoryDatabase(name, { version: 1 });
    expect(db.version).toBe(1);
    expect(await db.getAll('messages')).toHaveLength(4);
    expect(await db.getAll('conversations')).toHaveLength(2);
    db.close();
  });
});
