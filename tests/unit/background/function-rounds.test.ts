import { describe, expect, it, vi } from 'vitest';
import type { TurnEvent } from '@/utils/endpoint/turn';
import { sidechatProtocol } from '@/utils/endpoint/protocols/sidechat';
import { MAX_CALL_ROUNDS, runTurnWithFunctions, type FunctionRunner } from '@/utils/background/function-rounds';
import type { ChatMode, FunctionCall, FunctionResult } from '@/utils/contract/sidechat-wire';
import { jsonResponse, sse, streamResponse } from '../fixtures/streams';

const protocol = sidechatProtocol({ endpointUrl: 'http://127.0.0.1:8787', projectId: 'demo', apiKey: '' });
const declarations = [{ name: 'get_page_context', description: 'the page', parameters: { type: 'object' } }];
const call = (id: string, name = 'get_page_context') => ({ type: 'function_call', id, name, arguments: {} });

function setup(responses: Response[], run: (call: FunctionCall) => Promise<FunctionResult> = async (c) => ({ id: c.id, name: c.name, result: { title: 'T' } }), mode: ChatMode = 'stream') {
  const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => responses.shift() ?? new Response('unexpected', { status: 599 }));
  const runner: FunctionRunner = { declarations, run: vi.fn(run) };
  const events: TurnEvent[] = [];
  const controller = new AbortController();
  const done = runTurnWithFunctions(
    {
      protocol,
      request: { message: 'summarize this page', sessionId: 's-0', functions: declarations },
      mode,
      signal: controller.signal,
      onEvent: (e) => events.push(e),
      fetch: fetchMock as unknown as typeof fetch,
    },
    runner,
  );
  const bodies = () => fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init.body)));
  const urls = () => fetchMock.mock.calls.map(([url]) => url.replace(/^.*\/chat/, '/chat'));
  return { done, events, runner, bodies, urls, controller };
}

describe('runTurnWithFunctions', () => {
  it('runs what the stream asks for, then continues the same turn with the results, summing usage', async () => {
    const { done, events, runner, bodies } = setup([
      streamResponse(sse({ type: 'content', data: 'Let me look. ', sessionId: 's-1' }, call('c1'), { type: 'done', usage: { totalTokens: 3, cost: 0.000001 } })),
      streamResponse(sse({ type: 'content', data: 'It is about T.' }, { type: 'done', usage: { totalTokens: 4, cost: 0.000002 } })),
    ]);
    await done;
    expect(runner.run).toHaveBeenCalledWith({ id: 'c1', name: 'get_page_context', arguments: {} }, expect.any(AbortSignal));
    const [first, second] = bodies();
    expect(bodies()).toEqual([
      { requestId: expect.any(String), message: 'summarize this page', sessionId: 's-0', functions: declarations },
      { requestId: expect.any(String), sessionId: 's-1', functions: declarations, functionResults: [{ id: 'c1', name: 'get_page_context', result: { title: 'T' } }] },
    ]);
    // The continuation is a request of its own: resuming it must not find the first one's events.
    expect(second.requestId).not.toBe(first.requestId);
    expect(events).toEqual([
      { type: 'round', request: first },
      { type: 'session', sessionId: 's-1' },
      { type: 'delta', text: 'Let me look. ' },
      { type: 'round', request: second },
      { type: 'delta', text: 'It is about T.' },
      { type: 'done', usage: { totalTokens: 7, cost: 0.000003 }, notice: undefined },
    ]);
  });

  it('keeps the model the server named across rounds', async () => {
    const { done, events } = setup([
      streamResponse(sse(call('c1'), { type: 'done', usage: { totalTokens: 3, model: 'm-1' } })),
      streamResponse(sse({ type: 'content', data: 'ok' }, { type: 'done', usage: { totalTokens: 4 } })),
    ]);
    await done;
    expect(events.at(-1)).toMatchObject({ type: 'done', usage: { totalTokens: 7, model: 'm-1' } });
  });

  it('announces each request before sending it, so the caller can checkpoint the one streaming', async () => {
    const responses = [streamResponse(sse(call('c1'), { type: 'done' })), streamResponse(sse({ type: 'content', data: 'ok' }, { type: 'done' }))];
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => responses.shift()!);
    const runner: FunctionRunner = { declarations, run: async (c) => ({ id: c.id, name: c.name, result: {} }) };
    const sentBeforeRound: number[] = [];
    const announced: unknown[] = [];
    const onEvent = (e: TurnEvent) => {
      if (e.type !== 'round') return;
      sentBeforeRound.push(fetchMock.mock.calls.length);
      announced.push(e.request);
    };
    await runTurnWithFunctions({ protocol, request: { message: 'x', functions: declarations }, mode: 'stream', signal: new AbortController().signal, onEvent, fetch: fetchMock as unknown as typeof fetch }, runner);
    expect(sentBeforeRound).toEqual([0, 1]);
    expect(announced).toEqual(fetchMock.mock.calls.map(([, init]) => JSON.parse(String(init.body))));
  });

  it('resumes only the first request from the given event id', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => (fetchMock.mock.calls.length === 1 ? streamResponse('id: 8\ndata: {"type":"function_call","id":"c1","name":"get_page_context"}\n\nid: 9\ndata: {"type":"done"}\n\n') : streamResponse(sse({ type: 'done' }))));
    const runner: FunctionRunner = { declarations, run: async (c) => ({ id: c.id, name: c.name, result: {} }) };
    const request = { requestId: 'r-1', message: 'summarize this page', functions: declarations };
    await runTurnWithFunctions({ protocol, request, mode: 'stream', signal: new AbortController().signal, onEvent: () => {}, fetch: fetchMock as unknown as typeof fetch, lastEventId: '7' }, runner);
    const headers = fetchMock.mock.calls.map(([, init]) => (init.headers as Record<string, string>)['Last-Event-ID']);
    expect(headers).toEqual(['7', undefined]);
    expect(JSON.parse(String(fetchMock.mock.calls[0][1].body)).requestId).toBe('r-1');
  });

  it('does the same for a regular reply’s functionCalls, and sends error results as they are', async () => {
    const { done, events, bodies, urls } = setup(
      [jsonResponse({ content: '', sessionId: 's-1', functionCalls: [{ id: 'c1', name: 'nope' }] }), jsonResponse({ content: 'Sorry.', sessionId: 's-1' })],
      async (c) => ({ id: c.id, name: c.name, error: 'Unknown function "nope".' }),
      'regular',
    );
    await done;
    expect(urls()).toEqual(['/chat', '/chat']);
    expect(bodies()[1].functionResults).toEqual([{ id: 'c1', name: 'nope', error: 'Unknown function "nope".' }]);
    expect(events.filter((e) => e.type === 'delta')).toEqual([{ type: 'delta', text: 'Sorry.' }]);
  });

  it('continues in regular mode when the turn fell back', async () => {
    const { done, urls } = setup([new Response('no', { status: 404 }), jsonResponse({ content: '', functionCalls: [{ id: 'c1', name: 'get_page_context' }] }), jsonResponse({ content: 'ok' })]);
    await done;
    expect(urls()).toEqual(['/chat/stream', '/chat', '/chat']);
  });

  it('stops after a bounded number of rounds, saying why', async () => {
    const asking = () => streamResponse(sse(call(`c${Math.random()}`), { type: 'done' }));
    const { done, events, runner } = setup(Array.from({ length: MAX_CALL_ROUNDS + 2 }, asking));
    await done;
    expect(runner.run).toHaveBeenCalledTimes(MAX_CALL_ROUNDS - 1);
    expect(events.at(-1)).toMatchObject({ type: 'done', notice: expect.stringContaining(`stopped after ${MAX_CALL_ROUNDS} rounds`) });
  });

  it('sends nothing more once the reply is stopped while a function runs', async () => {
    let stop = () => {};
    const { done, bodies, controller } = setup([streamResponse(sse(call('c1'), { type: 'done' }))], async (c) => {
      stop();
      return { id: c.id, name: c.name, error: 'The user declined to share the page.' };
    });
    stop = () => controller.abort();
    await expect(done).rejects.toThrow(/stopped/);
    expect(bodies()).toHaveLength(1);
  });

  it('without a runner, passes function calls through untouched', async () => {
    const events: TurnEvent[] = [];
    await runTurnWithFunctions(
      {
        protocol,
        request: { message: 'x' },
        mode: 'stream',
        signal: new AbortController().signal,
        onEvent: (e) => events.push(e),
        fetch: (async () => streamResponse(sse(call('c1'), { type: 'done' }))) as unknown as typeof fetch,
      },
      undefined,
    );
    expect(events.map((e) => e.type)).toEqual(['round', 'function_call', 'done']);
  });
});
