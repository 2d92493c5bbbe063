import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBatchedWriter } from '@/utils/history/batched-writer';
import { HistoryError } from '@/utils/history/errors';
import { createIdbStore } from '@/utils/history/idb-store';
import type { StoredMessage } from '@/utils/history/types';
import { freshDatabaseName, message } from '../fixtures/history';

/** A store whose writes finish when the test says so. */
function slowStore() {
  const writes: Array<{ batch: StoredMessage[]; finish: () => void; fail: (error: unknown) => void }> = [];
  const putMessages = vi.fn(
    (batch: StoredMessage[]) =>
      new Promise<void>((finish, fail) => {
        writes.push({ batch, finish, fail });
      }),
  );
  return { putMessages, writes };
}

describe('createBatchedWriter', () => {
  // Only the writer's timer is faked: fake-indexeddb schedules its work with setImmediate.
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('saves 500 chunk updates within a second in one IndexedDB transaction, latest text winning', async () => {
    const store = createIdbStore({ name: freshDatabaseName() });
    const { id } = await store.createConversation();
    const transactions = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const writer = createBatchedWriter(store, { onError: (error) => expect.fail(String(error)) });

    writer.write(message(id, 0, { text: 'Question' }));
    let text = '';
    for (let chunk = 0; chunk < 500; chunk++) {
      text += `${chunk} `;
      writer.write(message(id, 1, { text, state: 'streaming' }));
      vi.advanceTimersByTime(1);
    }
    expect(transactions).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(500);
    await vi.waitFor(async () => expect((await store.getConversation(id))?.messageCount).toBe(2));

    expect(transactions.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(1);
    expect((await store.loadRecent(id, 2)).messages.map((m) => m.text)).toEqual(['Question', text]);
    store.close();
  });

  it('writes at most once per interval while writes keep coming', async () => {
    const store = slowStore();
    const writer = createBatchedWriter(store, { intervalMs: 1000, onError: () => {} });
    for (let tick = 0; tick < 30; tick++) {
      writer.write(message('c', 1, { text: `${tick}` }));
      await vi.advanceTimersByTimeAsync(100);
      store.writes.at(-1)?.finish();
    }
    expect(store.putMessages).toHaveBeenCalledTimes(3);
    expect(store.writes.map((w) => w.batch.map((m) => m.text))).toEqual([['9'], ['19'], ['29']]);
  });

  it('flushes at once, resolves when saved, and leaves nothing for the timer', async () => {
    const store = slowStore();
    const writer = createBatchedWriter(store, { onError: () => {} });
    writer.write(message('c', 0));
    writer.write(message('c', 1));
    let saved = false;
    const flushed = writer.flush().then(() => (saved = true));
    await vi.waitFor(() => expect(store.writes).toHaveLength(1));
    expect(store.writes[0].batch.map((m) => m.id)).toEqual(['c-0', 'c-1']);
    await Promise.resolve();
    expect(saved).toBe(false);
    store.writes[0].finish();
    await flushed;
    await vi.advanceTimersByTimeAsync(5000);
    expect(store.putMessages).toHaveBeenCalledTimes(1);
  });

  it('saves batches one after another, so an older state never lands last', async () => {
    const store = slowStore();
    const writer = createBatchedWriter(store, { onError: () => {} });
    writer.write(message('c', 1, { text: 'older' }));
    const first = writer.flush();
    writer.write(message('c', 1, { text: 'newer' }));
    const second = writer.flush();
    await Promise.resolve();
    expect(store.putMessages).toHaveBeenCalledTimes(1);
    store.writes[0].finish();
    await first;
    await vi.waitFor(() => expect(store.putMessages).toHaveBeenCalledTimes(2));
    expect(store.writes[1].batch[0].text).toBe('newer');
    store.writes[1].finish();
    await second;
  });

  it('reports a failed timed write to onError and a failed flush to its caller, then goes on', async () => {
    const store = slowStore();
    const onError = vi.fn();
    const writer = createBatchedWriter(store, { onError });
    writer.write(message('c', 0));
    await vi.advanceTimersByTimeAsync(1000);
    store.writes[0].fail(new HistoryError('quota'));
    await vi.waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'quota' })));

    writer.write(message('c', 1));
    const flushed = writer.flush();
    await vi.waitFor(() => expect(store.writes).toHaveLength(2));
    store.writes[1].fail(new HistoryError('failed'));
    await expect(flushed).rejects.toMatchObject({ code: 'failed' });

    writer.write(message('c', 2));
    const next = writer.flush();
    await vi.waitFor(() => expect(store.writes).toHaveLength(3));
    store.writes[2].finish();
    await expect(next).resolves.toBeUndefined();
    expect(onError).toHaveBeenCalledTimes(1);
  });
});
