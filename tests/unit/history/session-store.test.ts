// Private windows' history in storage.session: what only the mirrored store does.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSessionStore } from '@/utils/history/session-store';
import { message } from '../../fixtures/history';

describe('the storage.session history', () => {
  beforeEach(() => fakeBrowser.reset());

  it('outlives the worker: a new store over the same area has every conversation and message', async () => {
    const first = createSessionStore();
    const { id } = await first.createConversation({ title: 'private' });
    await first.putMessages([message(id, 0), message(id, 1, { text: 'half', state: 'streaming' })]);
    await first.putMessages([message(id, 1, { text: 'half and the rest', state: 'done' })]);

    const second = createSessionStore();
    expect(await second.getConversation(id)).toMatchObject({ messageCount: 2 });
    expect((await second.loadRecent(id, 10)).messages.map((m) => m.text)).toEqual(['message 0', 'half and the rest']);
    await second.deleteConversation(id);
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
  });

  it('writes only what changed: a streaming save rewrites its own message', async () => {
    const store = createSessionStore();
    const { id } = await store.createConversation();
    await store.putMessages([message(id, 0), message(id, 1)]);
    const written: string[] = [];
    fakeBrowser.storage.session.onChanged.addListener((changes) => written.push(...Object.keys(changes)));
    await store.putMessages([message(id, 1, { text: 'more' })]);
    expect(written.sort()).toEqual([`private-conversation:${id}`, `private-message:${id}-1`]);
  });

  it('reports a full storage.session as a quota error and keeps what was saved', async () => {
    const store = createSessionStore();
    const { id } = await store.createConversation();
    await store.putMessages([message(id, 0)]);
    const set = fakeBrowser.storage.session.set;
    fakeBrowser.storage.session.set = () => Promise.reject(new Error('Session storage quota bytes exceeded. Values were not stored.'));
    await expect(store.putMessages([message(id, 1, { text: 'too much' })])).rejects.toMatchObject({ name: 'HistoryError', code: 'quota' });
    fakeBrowser.storage.session.set = set;
    expect((await store.loadRecent(id, 10)).messages).toEqual([message(id, 0)]);
    expect(await store.getConversation(id)).toMatchObject({ messageCount: 1 });
    expect(await createSessionStore().getMessage(`${id}-1`)).toBeUndefined();
  });
});
