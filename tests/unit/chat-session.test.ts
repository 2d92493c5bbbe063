import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { attachChatSession } from '@/utils/chat-session';
import { getSessionId, hasFallenBack } from '@/utils/conversation-state';
import { DEFAULT_SETTINGS, endpointKey, type Settings } from '@/utils/settings';
import { createFakePort } from './fixtures/fake-port';
import { jsonResponse, sse, streamResponse } from './fixtures/streams';

const settings: Settings = { ...DEFAULT_SETTINGS };

function setup(fetchImpl: (url: string, init: RequestInit) => Promise<Response>, windowId = 7) {
  const fake = createFakePort(`sidechat-panel:${windowId}`);
  const fetchMock = vi.fn(fetchImpl);
  attachChatSession(fake.port, { loadSettings: async () => settings, fetch: fetchMock as unknown as typeof fetch });
  return { ...fake, fetchMock };
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

describe('attachChatSession', () => {
  beforeEach(() => fakeBrowser.reset());

  it('relays a streamed reply as chunks and done, and keeps the session for the window', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'content', data: 'Hi', sessionId: 'srv-1' }, { type: 'done', usage: { cost: 0.2 } })));
    s.receive({ type: 'send', replyId: 'r1', text: 'hello' });
    await s.waitFor((m) => m.type === 'done');
    expect(s.sent).toEqual([
      { type: 'chunk', replyId: 'r1', delta: 'Hi' },
      { type: 'done', replyId: 'r1', usage: { cost: 0.2 } },
    ]);
    expect(await getSessionId(7, endpointKey(settings))).toBe('srv-1');
    expect(await getSessionId(8, endpointKey(settings))).toBeUndefined();
  });

  it('sends the remembered sessionId with the next turn', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'done', sessionId: 'srv-2' })));
    s.receive({ type: 'send', replyId: 'r1', text: 'one' });
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r1');
    s.receive({ type: 'send', replyId: 'r2', text: 'two' });
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r2');
    const body = JSON.parse(String((s.fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].body));
    expect(body).toEqual({ requestId: expect.any(String), message: 'two', sessionId: 'srv-2' });
  });

  it('stops a running reply when asked, and the fetch is aborted', async () => {
    let signal: AbortSignal | undefined;
    const s = setup(async (_url, init) => {
      signal = init.signal ?? undefined;
      return hangingStream(init);
    });
    s.receive({ type: 'send', replyId: 'r1', text: 'long' });
    await s.waitFor((m) => m.type === 'chunk');
    s.receive({ type: 'stop', replyId: 'r1' });
    await s.waitFor((m) => m.type === 'stopped');
    expect(signal?.aborted).toBe(true);
  });

  it('aborts the reply when the panel disconnects', async () => {
    let signal: AbortSignal | undefined;
    const s = setup(async (_url, init) => {
      signal = init.signal ?? undefined;
      return hangingStream(init);
    });
    s.receive({ type: 'send', replyId: 'r1', text: 'long' });
    await s.waitFor((m) => m.type === 'chunk');
    s.drop();
    await vi.waitFor(() => expect(signal?.aborted).toBe(true));
  });

  it('runs one reply at a time', async () => {
    const s = setup(async (_url, init) => hangingStream(init));
    s.receive({ type: 'send', replyId: 'r1', text: 'one' });
    s.receive({ type: 'send', replyId: 'r2', text: 'two' });
    expect(await s.waitFor((m) => m.replyId === 'r2')).toMatchObject({ type: 'error', code: 'busy' });
  });

  it('remembers a fallback for the endpoint', async () => {
    const s = setup(async (url) => (url.endsWith('/stream') ? new Response('nope', { status: 404 }) : jsonResponse({ content: 'ok' })));
    s.receive({ type: 'send', replyId: 'r1', text: 'hi' });
    expect(await s.waitFor((m) => m.type === 'fallback')).toMatchObject({ message: expect.stringContaining('regular mode') });
    await s.waitFor((m) => m.type === 'done');
    expect(await hasFallenBack(endpointKey(settings))).toBe(true);
    s.receive({ type: 'send', replyId: 'r2', text: 'again' });
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r2');
    expect(s.fetchMock.mock.calls.map((c) => (c as unknown as [string])[0].endsWith('/stream'))).toEqual([true, false, false]);
  });

  it('reports errors with the key redacted', async () => {
    const withKey = { ...settings, apiKey: 'sk-live-123' };
    const fake = createFakePort('sidechat-panel:1');
    attachChatSession(fake.port, {
      loadSettings: async () => withKey,
      fetch: (async () => jsonResponse({ error: { message: 'key sk-live-123 is revoked' } }, 401)) as unknown as typeof fetch,
    });
    fake.receive({ type: 'send', replyId: 'r1', text: 'hi' });
    const error = await fake.waitFor((m) => m.type === 'error');
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
    expect(s.sent).toEqual([]);
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

  it('forgets the window\'s server session on new-chat', async () => {
    const s = setup(async () => streamResponse(sse({ type: 'done', sessionId: 'srv-3' })));
    s.receive({ type: 'send', replyId: 'r1', text: 'one' });
    await s.waitFor((m) => m.type === 'done');
    s.receive({ type: 'new-chat' });
    await vi.waitFor(async () => expect(await getSessionId(7, endpointKey(settings))).toBeUndefined());
  });

  it('refuses ports that are not a panel of a window', () => {
    const fake = createFakePort('something-else');
    attachChatSession(fake.port, { loadSettings: async () => settings });
    expect(fake.port.disconnected).toBe(true);
  });
});
