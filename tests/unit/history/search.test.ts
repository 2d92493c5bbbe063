// Search, pins and names, run against every store: a private window's history finds as the saved one does.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIdbStore } from '@/utils/history/idb-store';
import { createMemoryStore } from '@/utils/history/memory-store';
import { createSessionStore } from '@/utils/history/session-store';
import type { HistoryStore, SearchResult } from '@/utils/history/types';
import { freshDatabaseName, message, steppingClock } from '../../fixtures/history';

const stores: Array<[string, (options: { now: () => number }) => HistoryStore]> = [
  ['IndexedDB', ({ now }) => createIdbStore({ name: freshDatabaseName(), now })],
  ['memory', ({ now }) => createMemoryStore({ now })],
  ['storage.session', ({ now }) => createSessionStore({ now })],
];

const marked = (text: string, marks: Array<[number, number]>) => marks.map(([start, end]) => text.slice(start, end));
const ids = (result: SearchResult) => result.hits.map((hit) => hit.conversation.id);

describe.each(stores)('%s history search', (_name, create) => {
  let store: HistoryStore;
  beforeEach(() => {
    fakeBrowser.reset();
    store = create({ now: steppingClock() });
  });
  afterEach(() => store.close());

  async function conversation(id: string, texts: string[]): Promise<void> {
    await store.createConversation({ id });
    await store.putMessages(texts.map((text, seq) => message(id, seq, { text })));
  }

  it('finds a conversation by a word in its third message, with the word marked', async () => {
    await conversation('a', ['Plan a trip', 'Where to?', 'Somewhere with a lighthouse and cliffs', 'Brittany then']);
    await conversation('b', ['Plan a dinner', 'For how many?', 'Six people']);
    const found = await store.search('lighthouse', 10);
    const { hits } = found;
    expect(ids(found)).toEqual(['a']);
    expect(hits[0].snippet?.text).toBe('Somewhere with a lighthouse and cliffs');
    expect(marked(hits[0].snippet!.text, hits[0].snippet!.marks)).toEqual(['lighthouse']);
    expect(await store.search('submarine', 10)).toEqual({ hits: [], total: 0 });
  });

  it('finds a streamed reply by its whole text once it has ended', async () => {
    await conversation('a', ['Tell me about towers']);
    await store.putMessages([message('a', 1, { author: 'assistant', text: 'The tallest', state: 'streaming' })]);
    await store.putMessages([message('a', 1, { author: 'assistant', text: 'The tallest lighthouse is in Jeddah', state: 'done' })]);
    expect(ids(await store.search('jeddah', 10))).toEqual(['a']);
  });

  it('finds words as they are typed, case and accents aside, and needs every word', async () => {
    await conversation('cafe', ['Best Café in Paris?', 'Try the one on the corner.']);
    await conversation('paris', ['Paris metro at night', 'It runs until 1 am.']);
    expect(ids(await store.search('caf', 10))).toEqual(['cafe']);
    expect(ids(await store.search('CAFE paris', 10))).toEqual(['cafe']);
    expect(new Set(ids(await store.search('pari', 10)))).toEqual(new Set(['cafe', 'paris']));
    // Two letters match whole words only: "am" is not every word starting with "am".
    expect(ids(await store.search('am', 10))).toEqual(['paris']);
    expect(await store.search('  ', 10)).toEqual({ hits: [], total: 0 });
  });

  it('ranks a title match above a match in one message, and more matching messages above fewer', async () => {
    await conversation('one', ['Something else', 'a note on gardens']);
    await conversation('many', ['Vegetables', 'gardens need water', 'gardens need sun']);
    await conversation('title', ['Gardens of Kyoto', 'Moss and stone']);
    expect(ids(await store.search('gardens', 10))).toEqual(['title', 'many', 'one']);
    const { hits: [first], total } = await store.search('gardens', 1);
    expect(total).toBe(3);
    expect(marked(first.conversation.title, first.titleMarks)).toEqual(['Gardens']);
  });

  it('follows a reply rewritten as it streams, a message taken back, and a deleted conversation', async () => {
    await conversation('c', ['Tell me a story']);
    await store.putMessages([message('c', 1, { text: 'Once upon', state: 'streaming' })]);
    await store.putMessages([message('c', 1, { text: 'Once upon a time a dragon', state: 'done' })]);
    expect(ids(await store.search('dragon', 10))).toEqual(['c']);
    await store.putMessages([message('c', 1, { text: 'Once upon a time a unicorn', state: 'done' })]);
    expect(ids(await store.search('dragon', 10))).toEqual([]);
    expect(ids(await store.search('unicorn', 10))).toEqual(['c']);
    await store.deleteMessages('c', 1);
    expect(ids(await store.search('unicorn', 10))).toEqual([]);
    expect(ids(await store.search('story', 10))).toEqual(['c']);
    await store.deleteConversation('c');
    expect(await store.search('story', 10)).toEqual({ hits: [], total: 0 });
  });

  it('finds a renamed conversation by its new name only, and keeps the name as messages come', async () => {
    await conversation('r', ['How do tides work?']);
    await store.updateConversation('r', { title: 'Moon notes', renamed: true });
    expect(ids(await store.search('moon', 10))).toEqual(['r']);
    expect((await store.search('tides', 10)).hits[0].titleMarks).toEqual([]);
    await store.putMessages([message('r', 1, { text: 'Gravity.' })]);
    await store.deleteMessages('r', 0);
    expect((await store.getConversation('r'))?.title).toBe('Moon notes');
  });

  it('lists pinned conversations first and keeps the pin', async () => {
    await conversation('old', ['first']);
    await conversation('new', ['second']);
    await store.updateConversation('old', { pinned: true });
    await store.putMessages([message('new', 1)]);
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['old', 'new']);
    await store.updateConversation('old', { pinned: false });
    expect((await store.listConversations()).map((c) => c.id)).toEqual(['new', 'old']);
  });

  it('stops at the limit', async () => {
    for (const id of ['a', 'b', 'c']) await conversation(id, ['common word']);
    expect(await store.search('common', 2)).toMatchObject({ hits: [{}, {}], total: 3 });
  });
});
