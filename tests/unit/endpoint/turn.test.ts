import { describe, expect, it, vi } from 'vitest';
import { decideFallback, runTurn, type TurnEvent } from '@/utils/endpoint/turn';
import type { ChatMode } from '@/utils/contract/sidechat-wire';
import { sidechatProtocol } from '@/utils/endpoint/protocols/sidechat';
import { droppedResponse, jsonResponse, sse, sseWithIds, streamResponse } from '../fixtures/streams';

const protocol = sidechatProtocol({ endpointUrl: 'http://127.0.0.1:8787', projectId: 'demo', apiKey: 'sk-secret' });
const regularReply = { content: 'Hi there', sessionId: 's-2', usage: { totalTokens: 5, cost: 0.01 }, functionCalls: [] };
/** Retries wait for nothing here; tests/unit/turn-*.test.ts look at the waits. */
const retry = { sleep: async () => {}, random: () => 0.5 };

async function turn(responses: Response[], mode: ChatMode = 'stream') {
  const fetchMock = vi.fn(async () => responses.shift() ?? new Response('unexpected', { status: 599 }));
  const events: TurnEvent[] = [];
  const result = runTurn({
    protocol,
    request: { message: 'hello', sessionId: 's-1' },
    mode,
    signal: new AbortController().signal,
    onEvent: (e) => events.push(e),
    fetch: fetchMock as unknown as typeof fetch,
    retry,
  });
  return { result, events, fetchMock };
}

describe('runTurn, streaming', () => {
  it('relays deltas, the session and usage, sending the key and the body', async () => {
    const { result, events, fetchMock } = await turn([
      streamResponse(sse({ type: 'content', data: 'Hel', sessionId: 's-9' }, { type: 'chunk', content: 'lo' }, { type: 'done', usage: { cost: 0.5 } })),
    ]);
    await result;
    expect(events).toEqual([
      { type: 'session', sessionId: 's-9' },
      { type: 'delta', text: 'Hel' },
      { type: 'delta', text: 'lo' },
      { type: 'done', usage: { cost: 0.5 }, notice: undefined },
    ]);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('http://127.0.0.1:8787/api/v1/ai/projects/demo/chat/stream');
    expect(init.headers).toMatchObject({ Authorization: 'Bearer sk-secret', Accept: 'text/event-stream' });
    expect(JSON.parse(String(init.body))).toEqual({ message: 'hello', sessionId: 's-1', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(init.redirect).toBe('manual');
  });

  it('ends in an error event with the server message', async () => {
    const { result, events } = await turn([streamResponse(sse({ type: 'content', data: 'par' }, { type: 'error', message: 'Model overloaded', code: 'overloaded' }))]);
    await expect(result).rejects.toMatchObject({ message: 'Model overloaded', code: 'overloaded' });
    expect(events).toEqual([{ type: 'delta', text: 'par' }]);
  });

  // Without event ids the server can't resume, and asking again would repeat the reply.
  it('marks the reply interrupted, without asking again, when a stream without ids ends without done', async () => {
    const { result, fetchMock } = await turn([streamResponse(sse({ type: 'content', data: 'x'.repeat(1234) }))]);
    await expect(result).rejects.toMatchObject({ code: 'interrupted', message: expect.stringContaining('the text so far is kept') });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('marks the reply interrupted, without asking again, when a stream without ids drops', async () => {
    const { result, fetchMock } = await turn([droppedResponse(sse({ type: 'content', data: 'abc' }))]);
    await expect(result).rejects.toMatchObject({ code: 'interrupted' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('says how much arrived when every reconnect fails', async () => {
    const responses = [droppedResponse(sseWithIds(1, { type: 'content', data: 'x'.repeat(1234) }))];
    const fetchMock = vi.fn(async () => {
      const next = responses.shift();
      if (next) return next;
      throw new TypeError('Failed to fetch');
    });
    const result = runTurn({ protocol, request: { message: 'hi' }, mode: 'stream', signal: new AbortController().signal, onEvent: () => {}, fetch: fetchMock as unknown as typeof fetch, retry });
    await expect(result).rejects.toMatchObject({ code: 'connection_lost', message: expect.stringContaining('Connection lost after 1,234 characters') });
    // The first request, then 5 reconnects that could not reach the server.
    expect(fetchMock).toHaveBeenCalledTimes(6);
  });

  it('skips malformed events and says so when done', async () => {
    const { result, events } = await turn([streamResponse(sse({ type: 'content', data: 'a' }, '{oops', { type: 'done' }))]);
    await result;
    expect(events.at(-1)).toMatchObject({ type: 'done', notice: '1 malformed event was skipped; the reply may be incomplete.' });
  });

  it('names the server when it cannot be reached', async () => {
    const fetchMock = vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = runTurn({ protocol, request: { message: 'hi' }, mode: 'stream', signal: new AbortController().signal, onEvent: () => {}, fetch: fetchMock as unknown as typeof fetch, retry });
    await expect(result).rejects.toThrow('Could not reach 127.0.0.1:8787 — is the server running?');
    expect(fetchMock).toHaveBeenCalledTimes(4);
  });

  it('refuses to follow a redirect', async () => {
    const { result } = await turn([new Response(null, { status: 302, headers: { Location: 'http://evil.example/' } })]);
    await expect(result).rejects.toMatchObject({ code: 'redirect' });
  });
});

describe('fallback to regular mode', () => {
  it.each([404, 405, 415, 501])('resends once to /chat after a bare %i', async (status) => {
    const { result, events, fetchMock } = await turn([new Response('Not here', { status }), jsonResponse(regularReply)]);
    await result;
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect((fetchMock.mock.calls[1] as unknown as [string])[0]).toBe('http://127.0.0.1:8787/api/v1/ai/projects/demo/chat');
    expect(events[0]).toMatchObject({ type: 'fallback' });
    expect(events).toContainEqual({ type: 'delta', text: 'Hi there' });
  });

  it('does not fall back on a 404 that carries a protocol error code', async () => {
    const { result, fetchMock } = await turn([jsonResponse({ error: { message: 'No such project', code: 'project_not_found' } }, 404)]);
    await expect(result).rejects.toThrow('404 Not Found — No such project — check the Endpoint URL and Project ID in Options');
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('uses a 200 JSON reply as the regular reply without posting twice', async () => {
    const { result, events, fetchMock } = await turn([jsonResponse(regularReply)]);
    await result;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(events.map((e) => e.type)).toEqual(['fallback', 'session', 'delta', 'done']);
  });

  it('resends when a 200 reply is neither a stream nor JSON', async () => {
    const decision = await decideFallback(new Response('<html>', { headers: { 'Content-Type': 'text/html' } }), protocol);
    expect(decision).toMatchObject({ kind: 'resend' });
  });

  it.each([
    [401, '401 Unauthorized — Missing or wrong API key — check the API key in Options'],
    [500, '500 Internal Server Error — Missing or wrong API key — the server failed; Retry, or check its logs'],
  ])('does not fall back on %i', async (status, message) => {
    const { result } = await turn([jsonResponse({ error: { message: 'Missing or wrong API key' } }, status)]);
    await expect(result).rejects.toThrow(message);
  });
});

describe('runTurn, regular mode', () => {
  it('emits the reply with usage', async () => {
    const { result, events } = await turn([jsonResponse(regularReply)], 'regular');
    await result;
    expect(events).toEqual([
      { type: 'session', sessionId: 's-2' },
      { type: 'delta', text: 'Hi there' },
      { type: 'done', usage: { totalTokens: 5, cost: 0.01 } },
    ]);
  });

  it('explains a reply that is not JSON', async () => {
    const { result } = await turn([new Response('<html>proxy</html>', { headers: { 'Content-Type': 'text/html' } })], 'regular');
    await expect(result).rejects.toThrow("The server's reply is not JSON (text/html)");
  });
});
