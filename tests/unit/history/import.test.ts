// Export all and Import's merge, against every store: by id, the newer copy wins, whole.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIdbStore } from '@/utils/history/idb-store';
import { createMemoryStore } from '@/utils/history/memory-store';
import { createSessionStore } from '@/utils/history/session-store';
import type { ConversationSummary, HistoryStore } from '@/utils/history/types';
import { freshDatabaseName, message, steppingClock } from '../../fixtures/history';

const stores: Array<[string, (options: { now: () => number }) => HistoryStore]> = [
  ['IndexedDB', ({ now }) => createIdbStore({ name: freshDatabaseName(), now })],
  ['memory', ({ now }) => createMemoryStore({ now })],
  ['storage.session', ({ now }) => createSessionStore({ now })],
];

const summary = (id: string, updatedAt: number, title = `Title ${id}`): ConversationSummary => ({ id, title, createdAt: 1, updatedAt, messageCount: 99 });

describe.each(stores)('%s history import', (_name, create) => {
  let store: HistoryStore;
  beforeEach(() => {
    fakeBrowser.reset();
    store = create({ now: steppingClock() });
  });
  afterEach(() => store.close());

  it('gives back what was exported, after everything was cleared', async () => {
    await store.createConversation({ id: 'a' });
    await store.putMessages([message('a', 0, { text: 'walrus facts' }), message('a', 1)]);
    await store.createConversation({ id: 'b' });
    await store.updateConversation('b', { pinned: true, title: 'Named', renamed: true });
    const dump = await store.dump();
    await store.clearAll();
    expect(await store.importConversations(dump)).toEqual({ added: 2, replaced: 0, kept: 0 });
    expect(await store.listConversations()).toEqual(await Promise.all(['b', 'a'].map(async (id) => (await store.getConversation(id))!)));
    expect((await store.dump()).messages.sort((x, y) => x.seq - y.seq)).toEqual(dump.messages.sort((x, y) => x.seq - y.seq));
    expect((await store.listConversations()).map((c) => [c.id, c.pinned ?? false])).toEqual([['b', true], ['a', false]]);
    // The index follows an import too.
    expect((await store.search('walrus', 5)).hits.map((h) => h.conversation.id)).toEqual(['a']);
  });

  it('merges by id: the newer updatedAt wins with its messages; an older or equal copy changes nothing', async () => {
    await store.importConversations({
      conversations: [summary('same', 100), summary('older-here', 100), summary('newer-here', 500)],
      messages: [message('same', 0, { text: 'mine' }), message('older-here', 0, { text: 'stale' }), message('older-here', 1), message('newer-here', 0, { text: 'fresh' })],
    });
    const counts = await store.importConversations({
      conversations: [summary('same', 100, 'Other'), summary('older-here', 300, 'Updated'), summary('newer-here', 200), summary('new', 50)],
      messages: [message('same', 0, { text: 'theirs' }), message('older-here', 0, { text: 'updated' }), message('newer-here', 0, { text: 'old' }), message('new', 0)],
    });
    expect(counts).toEqual({ added: 1, replaced: 1, kept: 2 });
    const texts = async (id: string) => (await store.loadRecent(id, 10)).messages.map((m) => m.text);
    expect(await texts('same')).toEqual(['mine']);
    expect(await texts('older-here')).toEqual(['updated']);
    expect(await store.getConversation('older-here')).toMatchObject({ title: 'Updated', updatedAt: 300, messageCount: 1 });
    expect(await texts('newer-here')).toEqual(['fresh']);
    expect(await store.getConversation('new')).toMatchObject({ messageCount: 1 });
    expect((await store.search('stale', 5)).total).toBe(0);
    expect((await store.search('updated', 5)).hits.map((h) => h.conversation.id)).toEqual(['older-here']);
  });
});
