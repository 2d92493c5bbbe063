import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPanelHub } from '@/utils/background/hub';
import { openHistoryStore } from '@/utils/history';
import type { HistoryStore } from '@/utils/history/types';
import type { BackgroundMessage } from '@/utils/contract/port-messages';
import { loadCheckpoints, saveCheckpoint } from '@/utils/background/checkpoints';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { setCurrentConversation } from '@/utils/background/window-conversations';
import { streamResponse } from '../fixtures/streams';
import { createChatModel } from '@/utils/panel/conversation-model';

const WINDOW = 5;

function hubOver(store: HistoryStore, fetchImpl: (url: string, init: RequestInit) => Promise<Response>, historyLimit = 200) {
  const fetchMock = vi.fn(fetchImpl);
  const hub = createPanelHub({ loadSettings: async () => ({ ...DEFAULT_SETTINGS, historyLimit }), fetch: fetchMock as unknown as typeof fetch, storeFor: async () => store });
  const heard: BackgroundMessage[] = [];
  const open = () => hub.handle(WINDOW, (m) => heard.push(m), { type: 'open' });
  return { hub, fetchMock, heard, open };
}

/** A conversation whose reply was streaming when the worker stopped: "one two " saved, up to event 2. */
async function interruptedReply(store: HistoryStore, text = 'one two three') {
  const { id: conversationId } = await store.createConversation();
  await setCurrentConversation(WINDOW, conversationId);
  await store.putMessages([
    { id: 'q1', conversationId, seq: 0, author: 'user', text: 'count', state: 'done', createdAt: 1 },
    { id: 'r1', conversationId, seq: 1, author: 'assistant', text, state: 'streaming', prompt: 'count', createdAt: 1 },
  ]);
  return conversationId;
}

describe('the chat hub', () => {
  beforeEach(() => fakeBrowser.reset());

  it('resumes a checkpointed reply after its event id, from the text saved up to it', async () => {
    const store = openHistoryStore({ persistent: false });
    const conversationId = await interruptedReply(store);
    await saveCheckpoint({
      windowId: WINDOW,
      conversationId,
      record: { id: 'r1', seq: 1, author: 'assistant', state: 'streaming', prompt: 'count' },
      // "three" was saved after the checkpoint: the replay brings it again, so it is cut here.
      textLength: 'one two '.length,
      position: { mode: 'stream', request: { requestId: 'req-1', message: 'count' }, lastEventId: '2' },
    });
    const { hub, fetchMock, heard, open } = hubOver(store, async () =>
      streamResponse('id: 3\ndata: {"type":"content","data":"three "}\n\nid: 4\ndata: {"type":"content","data":"four"}\n\nid: 5\ndata: {"type":"done"}\n\n'),
    );
    await open();
    await hub.settled();
    const [, init] = fetchMock.mock.calls[0];
    expect(new Headers(init.headers).get('Last-Event-ID')).toBe('2');
    expect(JSON.parse(String(init.body))).toMatchObject({ requestId: 'req-1', message: 'count' });
    const { messages } = await store.loadRecent(conversationId, 10);
    expect(messages[1]).toMatchObject({ text: 'one two three four', state: 'done' });
    // The panel heard it end, or (the resume won the race with its `open`) was shown it ended.
    expect(heard.some((m) => m.type === 'done' || (m.type === 'conversation' && m.messages.some((r) => r.id === 'r1' && r.state === 'done')))).toBe(true);
    expect(await loadCheckpoints()).toEqual([]);
  });

  it('shows a reply no worker can resume as interrupted, keeping its text', async () => {
    const store = openHistoryStore({ persistent: false });
    const conversationId = await interruptedReply(store, 'partial');
    const { heard, open } = hubOver(store, async () => new Response(null, { status: 599 }));
    await open();
    const shown = heard.find((m) => m.type === 'conversation');
    expect(shown).toMatchObject({ conversationId, hasOlder: false });
    expect(shown?.type === 'conversation' && shown.messages[1]).toMatchObject({ text: 'partial', state: 'error' });
    expect((await store.loadRecent(conversationId, 10)).messages[1].state).toBe('error');
  });

  it('retries a failed reply far back in its own place, and takes back an exchange far back', async () => {
    const store = openHistoryStore({ persistent: false });
    const { id: conversationId } = await store.createConversation();
    await setCurrentConversation(WINDOW, conversationId);
    const exchange = (n: number) => [
      { id: `q${n}`, conversationId, seq: 2 * n, author: 'user' as const, text: `question ${n}`, state: 'done' as const, createdAt: 1 },
      { id: `r${n}`, conversationId, seq: 2 * n + 1, author: 'assistant' as const, text: n === 0 ? 'half' : `answer ${n}`, state: n === 0 ? ('error' as const) : ('done' as const), prompt: `question ${n}`, createdAt: 1 },
    ];
    await store.putMessages([0, 1, 2, 3].flatMap(exchange));
    const { hub, heard, open } = hubOver(store, async () => streamResponse('id: 1\ndata: {"type":"content","data":"whole"}\n\nid: 2\ndata: {"type":"done"}\n\n'));
    await open();
    await hub.handle(WINDOW, (m) => heard.push(m), { type: 'retry', replyId: 'r0', text: 'question 0' });
    await hub.settled();
    expect(await store.getMessage('r0')).toMatchObject({ seq: 1, text: 'whole', state: 'done' });
    expect(await store.nextSeq(conversationId)).toBe(8);

    await hub.handle(WINDOW, (m) => heard.push(m), { type: 'forget-from', conversationId, messageId: 'q1' });
    expect((await store.loadRecent(conversationId, 10)).messages.map((m) => m.id)).toEqual(['q0', 'r0']);
  });

  it('takes a send it already has only once: a panel unsure whether it arrived sends it again', async () => {
    const store = openHistoryStore({ persistent: false });
    const { hub, fetchMock, heard, open } = hubOver(store, async () => streamResponse('id: 1\ndata: {"type":"content","data":"once"}\n\nid: 2\ndata: {"type":"done"}\n\n'));
    await open();
    const send = { type: 'send', messageId: 'q1', replyId: 'r1', text: 'hello' } as const;
    await hub.handle(WINDOW, (m) => heard.push(m), send);
    await hub.handle(WINDOW, (m) => heard.push(m), send);
    await hub.settled();
    await hub.handle(WINDOW, (m) => heard.push(m), send);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(heard.some((m) => m.type === 'error')).toBe(false);
    expect(await store.getMessage('r1')).toMatchObject({ text: 'once', state: 'done' });
  });

  it('sends the most recent messages up to the history limit, and older ones a page at a time', async () => {
    const store = openHistoryStore({ persistent: false });
    const { id: conversationId } = await store.createConversation();
    await store.putMessages(Array.from({ length: 10 }, (_, seq) => ({ id: `m${seq}`, conversationId, seq, author: 'user' as const, text: `m${seq}`, state: 'done' as const, createdAt: 1 })));
    const { hub, heard, open } = hubOver(store, async () => new Response(null, { status: 599 }), 4);
    await open();
    const shown = heard.find((m) => m.type === 'conversation');
    expect(shown?.type === 'conversation' && shown.messages.map((m) => m.text)).toEqual(['m6', 'm7', 'm8', 'm9']);
    expect(shown?.type === 'conversation' && shown.hasOlder).toBe(true);
    await hub.handle(WINDOW, (m) => heard.push(m), { type: 'older', conversationId, beforeSeq: 6 });
    const older = heard.find((m) => m.type === 'older');
    expect(older?.type === 'older' && older.messages.map((m) => m.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    expect(older?.type === 'older' && older.hasOlder).toBe(false);
  });

  it('shows a panel that opens while a reply reconnects that it is reconnecting, and never saves that', async () => {
    const store = openHistoryStore({ persistent: false });
    let asked = 0;
    const { hub, heard, open } = hubOver(store, async () =>
      ++asked === 1 ? new Response('busy', { status: 429, headers: { 'Retry-After': '1' } }) : streamResponse('id: 1\ndata: {"type":"content","data":"back"}\n\nid: 2\ndata: {"type":"done"}\n\n'),
    );
    await open();
    await hub.handle(WINDOW, (m) => heard.push(m), { type: 'send', messageId: 'q1', replyId: 'r1', text: 'hello' });
    await vi.waitFor(() => expect(heard.some((m) => m.type === 'reconnecting')).toBe(true));

    const later: BackgroundMessage[] = [];
    await hub.handle(WINDOW, (m) => later.push(m), { type: 'open' });
    const panel = createChatModel({ post: () => {} }, { historyLimit: 200 });
    later.forEach(panel.receive);
    expect(panel.messages.value[1].reconnecting.value).toEqual({ attempt: 1, attempts: 3 });

    await hub.settled();
    expect(heard.filter((m) => m.type === 'reconnecting')).toHaveLength(1);
    expect(await store.getMessage('r1')).toMatchObject({ text: 'back', state: 'done' });
    expect(await store.getMessage('r1')).not.toHaveProperty('reconnecting');
  });
});
