// Which history a window gets: a private window's conversations must never reach IndexedDB.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createIdbStore } from '@/utils/history/idb-store';
import { message } from '../../fixtures/history';

async function freshStoreFor() {
  vi.resetModules();
  return (await import('@/utils/background/history-stores')).historyStoreFor;
}

describe('historyStoreFor', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps a private window’s conversation in storage.session only, and a normal one’s in IndexedDB', async () => {
    const storeFor = await freshStoreFor();
    const privateWindow = await fakeBrowser.windows.create({ incognito: true });
    const normal = await storeFor(0);
    const hidden = await storeFor(privateWindow.id!);
    expect(hidden).not.toBe(normal);

    const secret = await hidden.createConversation();
    await hidden.putMessages([message(secret.id, 0, { text: 'private question' })]);
    const saved = await normal.createConversation();
    await normal.putMessages([message(saved.id, 0, { text: 'ordinary question' })]);

    const onDisk = createIdbStore();
    expect((await onDisk.listConversations()).map((c) => c.id)).toEqual([saved.id]);
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).toContain('private question');
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toContain('ordinary question');
    onDisk.close();
    normal.close();
  });

  it('gives every private window the same history, and anything else (no window, one since closed) the disk', async () => {
    const storeFor = await freshStoreFor();
    const first = await fakeBrowser.windows.create({ incognito: true });
    const second = await fakeBrowser.windows.create({ incognito: true });
    expect(await storeFor(first.id!)).toBe(await storeFor(second.id!));
    expect(await storeFor(-1)).toBe(await storeFor(0));
    expect(await storeFor(999)).toBe(await storeFor(0));
  });
});
