import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createIdbStore } from '@/utils/history/idb-store';
import { message, freshDatabaseName } from '../../fixtures/history';
import type { HistoryStore } from '@/utils/history/types';

describe('IndexedDB history store', () => {
  const opened: HistoryStore[] = [];
  const open = (name: string) => {
    const store = createIdbStore({ name });
    opened.push(store);
    return store;
  };
  afterEach(() => opened.splice(0).forEach((store) => store.close()));

  it('finds everything again after the store is closed and opened anew (a browser restart)', async () => {
    const name = freshDatabaseName();
    const first = open(name);
    const { id } = await first.createConversation({ sessionId: 's' });
    await first.putMessages([message(id, 0), message(id, 1, { usage: { totalTokens: 12 }, calls: [{ id: 'c', name: 'read_page', status: 'done', label: 'Read “Page”' }] })]);
    first.close();

    const second = open(name);
    expect(await second.listConversations()).toEqual([expect.objectContaining({ id, sessionId: 's', messageCount: 2, title: 'message 0' })]);
    expect((await second.loadRecent(id, 10)).messages[1]).toEqual(message(id, 1, { usage: { totalTokens: 12 }, calls: [{ id: 'c', name: 'read_page', status: 'done', label: 'Read “Page”' }] }));
  });

  it('reports a full disk as quota, with advice, and keeps what was saved', async () => {
    const store = open(freshDatabaseName());
    const { id } = await store.createConversation();
    await store.putMessages([message(id, 0), message(id, 1)]);

    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if ((value as { text?: string }).text === 'too big') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.call(this, value, key);
    });
    const failure = store.putMessages([message(id, 1, { text: 'half a reply' }), message(id, 2, { text: 'too big' })]);
    await expect(failure).rejects.toMatchObject({ name: 'HistoryError', code: 'quota', message: expect.stringContaining('Storage is full — delete old conversations') });

    expect((await store.loadRecent(id, 10)).messages).toEqual([message(id, 0), message(id, 1)]);
    expect((await store.getConversation(id))?.messageCount).toBe(2);
  });

  it('says storage is unavailable when the database cannot be opened, and tries again next time', async () => {
    const name = freshDatabaseName();
    const openDatabase = vi.spyOn(indexedDB, 'open').mockImplementationOnce(() => {
      throw new DOMException('The operation failed for reasons unrelated to the database itself.', 'UnknownError');
    });
    const store = open(name);
    await expect(store.listConversations()).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining('storage is unavailable') });
    expect(await store.listConversations()).toEqual([]);
    expect(openDatabase).toHaveBeenCalledTimes(2);
  });
});
