import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { attachPanelPort } from '@/utils/background/panel-connection';
import { createPanelHub } from '@/utils/background/hub';
import { hasFallenBack } from '@/utils/background/fallback-memory';
import { openHistoryStore } from '@/utils/history';
import { openPanelSession } from '../fixtures/panel-session';
import { DEFAULT_SETTINGS, endpointKey, type Settings } from '@/utils/settings';
import { createFakePort } from '../fixtures/fake-port';
import { jsonResponse, sse, streamResponse } from '../fixtures/streams';

const settings: Settings = { ...DEFAULT_SETTINGS };

function setup(fetchImpl: (url: string, init: RequestInit) => Promise<Response>, loadSettings = async () => settings) {
  return openPanelSession({ loadSettings, fetch: fetchImpl });
}

/** A stream that stays open until the request is aborted. */
function hangingStream(init: RequestInit): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(sse({ type: 'content', data: 'partial' })));
      init.signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
}

describe('attachPanelPort', () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays a streamed reply as chunks and done, and saves it with its conversation and server session', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'content', data: 'Hi', sessionId: 'srv-1' }, { type: 'done', usage: { cost: 0.2 } })));
    s.ask('r1', 'hello');
    await s.waitFor((m) => m.type === 'done');
    expect(s.replies()).toEqual([
      { type: 'chunk', replyId: 'r1', delta: 'Hi' },
      { type: 'done', replyId: 'r1', usage: { cost: 0.2 } },
    ]);
    await s.hub.settled();
    const [conversation] = await s.store.listConversations();
    expect(conversation).toMatchObject({ title: 'hello', sessionId: 'srv-1', endpointKey: endpointKey(settings), messageCount: 2 });
    const { messages } = await s.store.loadRecent(conversation.id, 10);
    expect(messages.map((m) => [m.author, m.text, m.state])).toEqual([
      ['user', 'hello', 'done'],
      ['assistant', 'Hi', 'done'],
    ]);
  });

  it('sends the remembered sessionId with the next turn', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'done', sessionId: 'srv-2' })));
    s.ask('r1', 'one');
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r1');
    s.ask('r2', 'two');
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r2');
    const body = JSON.parse(String((s.fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].body));
    expect(body).toEqual({ requestId: expect.any(String), message: 'two', sessionId: 'srv-2' });
  });

  it('stops a running reply when asked, and the fetch is aborted', async () => {
    let signal: AbortSignal | undefined;
    const s = setup(async (_url, init) => {
      signal ??= init.signal ?? undefined;
      return hangingStream(init);
    });
    s.ask('r1', 'long');
    await s.waitFor((m) => m.type === 'chunk');
    s.receive({ type: 'stop', replyId: 'r1' });
    await s.waitFor((m) => m.type === 'stopped');
    expect(signal?.aborted).toBe(true);
    // A server that resumes replies can't tell Stop from a drop: it is told.
    await vi.waitFor(() => expect(s.fetchMock).toHaveBeenCalledTimes(2));
    const [url, init] = s.fetchMock.mock.calls[1];
    expect(url).toBe('http://127.0.0.1:8787/api/v1/ai/projects/demo/chat/stream/cancel');
    expect(JSON.parse(String(init.body))).toEqual({ requestId: s.bodies()[0].requestId });
  });

  it('a reply outlives its panel: a disconnect leaves it running, and it is saved when done', async () => {
    let finish!: () => void;
    const s = setup(async () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(sse({ type: 'content', data: 'first ' })));
          finish = () => {
            controller.enqueue(new TextEncoder().encode(sse({ type: 'content', data: 'second' }, { type: 'done' })));
            controller.close();
          };
        },
      });
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    s.ask('r1', 'long');
    await s.waitFor((m) => m.type === 'chunk');
    s.drop();
    finish();
    await s.hub.settled();
    const [conversation] = await s.store.listConversations();
    const { messages } = await s.store.loadRecent(conversation.id, 10);
    expect(messages[1]).toMatchObject({ id: 'r1', text: 'first second', state: 'done' });
  });

  it('runs one reply at a time', async () => {
    const s = setup(async (_url, init) => hangingStream(init));
    s.ask('r1', 'one');
    s.ask('r2', 'two');
    expect(await s.waitFor((m) => m.replyId === 'r2')).toMatchObject({ type: 'error', code: 'busy' });
  });

  it('remembers a fallback for the endpoint', async () => {
    const s = setup(async (url) => (url.endsWith('/stream') ? new Response('nope', { status: 404 }) : jsonResponse({ content: 'ok' })));
    s.ask('r1', 'hi');
    expect(await s.waitFor((m) => m.type === 'fallback')).toMatchObject({ message: expect.stringContaining('regular mode') });
    await s.waitFor((m) => m.type === 'done');
    expect(await hasFallenBack(endpointKey(settings))).toBe(true);
    s.ask('r2', 'again');
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r2');
    expect(s.fetchMock.mock.calls.map((c) => (c as unknown as [string])[0].endsWith('/stream'))).toEqual([true, false, false]);
  });

  it('reports errors with the key redacted', async () => {
    const withKey = { ...settings, endpoint: { ...settings.endpoint, apiKey: 'sk-live-123' } };
    const s = setup(async () => jsonResponse({ error: { message: 'key sk-live-123 is revoked' } }, 401), async () => withKey);
    s.ask('r1', 'hi');
    const error = await s.waitFor((m) => m.type === 'error');
    expect(error.message).toContain('401 Unauthorized');
    expect(error.message).not.toContain('sk-live-123');
  });

  it('drops messages outside the contract', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'done' })));
    s.receive({ type: 'send', replyId: 'r1' });
    s.receive({ type: 'launch-missiles' });
    s.receive('send');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(s.fetchMock).not.toHaveBeenCalled();
    expect(s.replies()).toEqual([]);
  });

  it('answers a probe with whether the endpoint is up, and how to start it when not', async () => {
    const up = setup(async () => new Response(null, { status: 404 }));
    up.receive({ type: 'probe' });
    expect(await up.waitFor((m) => m.type === 'endpoint')).toEqual({ type: 'endpoint', reachable: true });
    const down = setup(async () => {
      throw new TypeError('Failed to fetch');
    });
    down.receive({ type: 'probe' });
    const answer = await down.waitFor((m) => m.type === 'endpoint');
    expect(answer).toMatchObject({ reachable: false, message: expect.stringContaining('npm start') });
    expect((down.fetchMock.mock.calls[0] as unknown as [string])[0]).toBe('http://127.0.0.1:8787/health');
  });

  it('new-chat starts a conversation of its own, without the old server session', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'done', sessionId: 'srv-3' })));
    s.ask('r1', 'one');
    await s.waitFor((m) => m.type === 'done');
    s.receive({ type: 'new-chat' });
    s.ask('r2', 'two');
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r2');
    expect(s.bodies().map((b) => b.sessionId)).toEqual([undefined, undefined]);
    await s.hub.settled();
    expect((await s.store.listConversations()).map((c) => c.title)).toEqual(['two', 'one']);
  });

  it('refuses ports that are not a panel of a window', () => {
    const fake = createFakePort('something-else');
    const hub = createPanelHub({ loadSettings: async () => settings, storeFor: async () => openHistoryStore({ persistent: false }) });
    attachPanelPort(fake.port, hub);
    expect(fake.port.disconnected).toBe(true);
  });
});
