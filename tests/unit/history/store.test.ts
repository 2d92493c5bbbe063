// One suite, run against both stores: private windows must behave exactly as the saved history does.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { HistoryError } from '@/utils/history/errors';
import { createIdbStore } from '@/utils/history/idb-store';
import { createMemoryStore } from '@/utils/history/memory-store';
import { createSessionStore } from '@/utils/history/session-store';
import type { HistoryStore } from '@/utils/history/types';
import { freshDatabaseName, message, steppingClock } from '../../fixtures/history';

const stores: Array<[string, (options: { now: () => number }) => HistoryStore]> = [
  ['IndexedDB', ({ now }) => createIdbStore({ name: freshDatabaseName(), now })],
  ['memory', ({ now }) => createMemoryStore({ now })],
  ['storage.session', ({ now }) => createSessionStore({ now })],
];

describe.each(stores)('%s history store', (_name, create) => {
  let store: HistoryStore;
  const open = () => (store = create({ now: steppingClock() }));
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => store.close());

  it('creates an untitled, empty conversation', async () => {
    open();
    const created = await store.createConversation({ endpointKey: 'http://x\ndemo' });
    expect(created).toMatchObject({ title: '', messageCount: 0, endpointKey: 'http://x\ndemo' });
    expect(created.id).toMatch(/\S/);
    expect(await store.getConversation(created.id)).toEqual(created);
    expect(await store.getConversation('nope')).toBeUndefined();
  });

  it('refuses a second conversation with the same id', async () => {
    open();
    await store.createConversation({ id: 'c' });
    await expect(store.createConversation({ id: 'c' })).rejects.toMatchObject({ name: 'HistoryError', code: 'failed' });
  });

  it('keeps the count, the time and the title from the first question as messages are written', async () => {
    open();
    const { id, updatedAt } = await store.createConversation();
    const question = 'How do I keep a service worker alive while a reply streams, and should I even try to do that in Chrome?';
    await store.putMessages([message(id, 0, { text: question }), message(id, 1, { text: '', state: 'streaming' })]);
    const afterFirst = await store.getConversation(id);
    expect(afterFirst).toMatchObject({ messageCount: 2, title: 'How do I keep a service worker alive while a reply streams,…' });
    expect(afterFirst!.updatedAt).toBeGreaterThan(updatedAt);

    // Replacing a message by id changes neither the count nor the title.
    await store.putMessages([message(id, 1, { text: 'Use port traffic.', state: 'done' }), message(id, 2, { text: 'Another question' })]);
    expect(await store.getConversation(id)).toMatchObject({ messageCount: 3, title: afterFirst!.title });
    expect((await store.loadRecent(id, 10)).messages.map((m) => m.text)).toEqual([question, 'Use port traffic.', 'Another question']);
  });

  it('lists the most recently updated conversation first', async () => {
    open();
    const a = await store.createConversation({ id: 'a' });
    const b = await store.createConversation({ id: 'b' });
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['b', 'a']);
    await store.putMessages([message(a.id, 0)]);
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['a', 'b']);
    await store.putMessages([message(b.id, 0)]);
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('writes messages of several conversations in one call and drops those of a deleted one', async () => {
    open();
    const a = await store.createConversation();
    const b = await store.createConversation();
    await store.putMessages([message(a.id, 0), message('deleted-meanwhile', 0), message(b.id, 0), message(a.id, 1)]);
    expect((await store.getConversation(a.id))?.messageCount).toBe(2);
    expect((await store.getConversation(b.id))?.messageCount).toBe(1);
    expect(await store.loadRecent('deleted-meanwhile', 10)).toEqual({ messages: [], hasOlder: false });
  });

  it('loads the most recent messages in order, then older ones page by page', async () => {
    open();
    const { id } = await store.createConversation();
    await store.putMessages(Array.from({ length: 25 }, (_, seq) => message(id, seq)).reverse());
    const seqs = (r: { messages: Array<{ seq: number }> }) => r.messages.map((m) => m.seq);

    const last = await store.loadRecent(id, 10);
    expect(seqs(last)).toEqual([15, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(last.hasOlder).toBe(true);
    const before = await store.loadRecent(id, 10, 15);
    expect(seqs(before)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    const first = await store.loadRecent(id, 10, 5);
    expect(seqs(first)).toEqual([0, 1, 2, 3, 4]);
    expect(first.hasOlder).toBe(false);
    expect((await store.loadRecent(id, 5, 20)).hasOlder).toBe(true);
    expect((await store.loadRecent(id, 5, 5)).hasOlder).toBe(false);
  });

  it('finds one message by id, however far back, and nothing for an unknown id', async () => {
    open();
    const { id } = await store.createConversation();
    await store.putMessages(Array.from({ length: 30 }, (_, seq) => message(id, seq)));
    expect(await store.getMessage(`${id}-3`)).toEqual(message(id, 3));
    expect(await store.getMessage('nope')).toBeUndefined();
    await store.deleteConversation(id);
    expect(await store.getMessage(`${id}-3`)).toBeUndefined();
  });

  it('keeps each conversation’s messages apart', async () => {
    open();
    await store.createConversation({ id: 'a' });
    await store.createConversation({ id: 'ab' });
    await store.putMessages([message('a', 0), message('ab', 0), message('ab', 1)]);
    expect((await store.loadRecent('a', 10)).messages.map((m) => m.id)).toEqual(['a-0']);
    expect(await store.nextSeq('a')).toBe(1);
  });

  it('gives the seq after the last message, gaps and all', async () => {
    open();
    const { id } = await store.createConversation();
    expect(await store.nextSeq(id)).toBe(0);
    await store.putMessages([message(id, 0), message(id, 7)]);
    expect(await store.nextSeq(id)).toBe(8);
  });

  it('takes back the last exchange for editing, and a first question rewritten retitles the conversation', async () => {
    open();
    const { id } = await store.createConversation();
    await store.putMessages([0, 1, 2, 3].map((seq) => message(id, seq)));
    await store.deleteMessages(id, 2);
    expect((await store.loadRecent(id, 10)).messages.map((m) => m.seq)).toEqual([0, 1]);
    expect(await store.getConversation(id)).toMatchObject({ messageCount: 2, title: 'message 0' });
    expect(await store.nextSeq(id)).toBe(2);

    await store.deleteMessages(id, 0);
    expect(await store.getConversation(id)).toMatchObject({ messageCount: 0, title: '' });
    await store.putMessages([message(id, 0, { text: 'Rewritten' })]);
    expect((await store.getConversation(id))?.title).toBe('Rewritten');
  });

  it('deletes a conversation with its messages, and only those', async () => {
    open();
    const a = await store.createConversation();
    const b = await store.createConversation();
    await store.putMessages([message(a.id, 0), message(a.id, 1), message(b.id, 0)]);
    await store.deleteConversation(a.id);
    expect(await store.getConversation(a.id)).toBeUndefined();
    expect((await store.loadRecent(a.id, 10)).messages).toEqual([]);
    expect((await store.listConversations()).map((c) => c.id)).toEqual([b.id]);
    expect((await store.loadRecent(b.id, 10)).messages).toHaveLength(1);
  });

  it('clears everything', async () => {
    open();
    const a = await store.createConversation();
    await store.putMessages([message(a.id, 0)]);
    await store.clearAll();
    expect(await store.listConversations()).toEqual([]);
    expect(await store.nextSeq(a.id)).toBe(0);
  });

  it('updates the session and endpoint, and clears them', async () => {
    open();
    const { id } = await store.createConversation();
    expect(await store.updateConversation(id, { sessionId: 's1', endpointKey: 'k' })).toMatchObject({ sessionId: 's1', endpointKey: 'k' });
    await store.updateConversation(id, { sessionId: undefined });
    const saved = await store.getConversation(id);
    expect(saved?.sessionId).toBeUndefined();
    expect(saved?.endpointKey).toBe('k');
    expect(await store.updateConversation('nope', { title: 'x' })).toBeUndefined();
    expect(await store.getConversation('nope')).toBeUndefined();
  });

  it('keeps everything saved when a write fails, including the failed batch’s other messages', async () => {
    open();
    const { id } = await store.createConversation();
    await store.putMessages([message(id, 0), message(id, 1)]);
    const before = await store.getConversation(id);

    // A function cannot be stored: the write fails after the first message of the batch was put.
    const unstorable = message(id, 3, { usage: { cost: (() => 1) as unknown as number } });
    const failure = await store.putMessages([message(id, 1, { text: 'replaced?' }), message(id, 2), unstorable]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HistoryError);
    expect(failure).toMatchObject({ code: 'failed' });

    expect(await store.getConversation(id)).toEqual(before);
    expect((await store.loadRecent(id, 10)).messages).toEqual([message(id, 0), message(id, 1)]);
    // And the store still works.
    await store.putMessages([message(id, 2)]);
    expect((await store.getConversation(id))?.messageCount).toBe(3);
  });

  it('hands out copies: changing what it returned changes nothing saved', async () => {
    open();
    const { id } = await store.createConversation();
    await store.putMessages([message(id, 0)]);
    const [loaded] = (await store.loadRecent(id, 1)).messages;
    loaded.text = 'changed';
    (await store.getConversation(id))!.title = 'changed';
    expect((await store.loadRecent(id, 1)).messages[0].text).toBe('message 0');
    expect((await store.getConversation(id))?.title).toBe('message 0');
  });
});
