import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { Conversations, type CompletionMessage } from '../../../server/responders/conversations';
import { createOpenAiResponder, openAiConfigFromEnv } from '../../../server/responders/openai';
import { FUNCTION_DECLARATIONS } from '../../../utils/contract/page-functions';
import { RegularReplySchema, type StreamEvent } from '../../../utils/contract/sidechat-wire';
import { startFakeOpenAi, textReply, toolCallReply, usageChunk, type ScriptedReply } from '../fixtures/fake-openai';
import { contentText, readEvents, startServer } from './helpers';

async function setup(script: ScriptedReply[], apiKey?: string) {
  const upstream = await startFakeOpenAi(script);
  const responder = createOpenAiResponder({ baseUrl: upstream.baseUrl, model: 'fake-model', apiKey });
  const server = await startServer({ responder });
  return { ...server, upstream };
}

const events = (list: Array<{ event: unknown }>) => list.map(({ event }) => event as StreamEvent);

describe('OpenAI-compatible adapter', () => {
  it('streams text deltas as content events, in order, with the model’s usage', async () => {
    const { post, upstream } = await setup([{ chunks: [...textReply('Hel', 'lo, ', 'wörld 👋'), usageChunk(12, 4)] }], 'sk-upstream');
    const received = await readEvents(await post('stream', { message: 'hi' }));
    expect(events(received).filter((e) => e.type === 'content').map((e) => (e as { data: string }).data)).toEqual(['Hel', 'lo, ', 'wörld 👋']);
    expect(events(received).at(-1)).toMatchObject({ type: 'done', usage: { promptTokens: 12, completionTokens: 4, totalTokens: 16 } });

    const [sent] = upstream.requests;
    expect(sent.path).toBe('/v1/chat/completions');
    expect(sent.headers.authorization).toBe('Bearer sk-upstream');
    expect(sent.body).toMatchObject({ model: 'fake-model', stream: true, stream_options: { include_usage: true } });
    expect(sent.body.messages.map((m: CompletionMessage) => m.role)).toEqual(['system', 'user']);
    expect(sent.body.messages[1]).toEqual({ role: 'user', content: 'hi' });
    expect(sent.body.tools).toBeUndefined();
  });

  it('offers the declared functions as tools, assembles a tool call split over chunks, and feeds the result back', async () => {
    const { post, upstream } = await setup([
      { chunks: toolCallReply([{ id: 'call_Ab1', name: 'find_in_page', fragments: ['{"qu', 'ery": "lamp', ' oil"', '}'] }]) },
      { chunks: textReply('It appears ', 'once.') },
    ]);
    const first = await readEvents(await post('stream', { message: 'find lamp oil', functions: FUNCTION_DECLARATIONS }));
    const call = events(first).find((e) => e.type === 'function_call');
    expect(call).toMatchObject({ type: 'function_call', id: 'call_Ab1', name: 'find_in_page', arguments: { query: 'lamp oil' } });
    expect(upstream.requests[0].body.tools).toEqual(
      FUNCTION_DECLARATIONS.map(({ name, description, parameters }) => ({ type: 'function', function: { name, description, parameters } })),
    );

    const sessionId = (call as { sessionId: string }).sessionId;
    const result = { query: 'lamp oil', total: 1, passages: ['…rationed the lamp oil…'] };
    const second = await readEvents(await post('stream', { sessionId, functionResults: [{ id: 'call_Ab1', name: 'find_in_page', result }] }));
    expect(contentText(second)).toBe('It appears once.');
    expect(upstream.requests[1].body.messages.slice(1)).toEqual([
      { role: 'user', content: 'find lamp oil' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_Ab1', type: 'function', function: { name: 'find_in_page', arguments: '{"query":"lamp oil"}' } }] },
      { role: 'tool', tool_call_id: 'call_Ab1', content: JSON.stringify(result) },
    ]);
  });

  it('keeps two tool calls of one chunk stream apart by index, and sends errors as tool results', async () => {
    const { post, upstream } = await setup([
      {
        chunks: toolCallReply([
          { id: 'call_1', name: 'get_page_context', fragments: ['{', '}'] },
          { id: 'call_2', name: 'get_selection', fragments: [''] },
        ]),
      },
      { chunks: textReply('ok') },
    ]);
    const first = v.parse(RegularReplySchema, await (await post('regular', { message: 'this page?', functions: FUNCTION_DECLARATIONS })).json());
    expect(first.functionCalls).toEqual([
      { id: 'call_1', name: 'get_page_context', arguments: {} },
      { id: 'call_2', name: 'get_selection', arguments: {} },
    ]);
    await post('regular', {
      sessionId: first.sessionId,
      functionResults: [
        { id: 'call_1', name: 'get_page_context', error: 'The user declined to share the page.' },
        { id: 'call_2', name: 'get_selection', result: { url: 'u', text: '', truncated: false } },
      ],
    });
    expect(upstream.requests[1].body.messages.slice(-2)).toEqual([
      { role: 'tool', tool_call_id: 'call_1', content: '{"error":"The user declined to share the page."}' },
      { role: 'tool', tool_call_id: 'call_2', content: '{"url":"u","text":"","truncated":false}' },
    ]);
  });

  it('keeps the conversation per session, with a shared page in the user’s message', async () => {
    const { post, upstream } = await setup([{ chunks: textReply('First.') }, { chunks: textReply('Second.') }, { chunks: textReply('Other.') }]);
    const one = v.parse(RegularReplySchema, await (await post('regular', { message: 'one' })).json());
    await post('regular', { message: 'two', sessionId: one.sessionId, context: { url: 'https://example.com/', title: 'Example' } });
    await post('regular', { message: 'elsewhere' });
    expect(upstream.requests[1].body.messages.slice(1)).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'First.' },
      { role: 'user', content: 'two\n\n---\nThe user shared the page they are on:\nTitle: Example\nURL: https://example.com/' },
    ]);
    expect(upstream.requests[2].body.messages.slice(1)).toEqual([{ role: 'user', content: 'elsewhere' }]);
  });

  it('ends the stream with an error event that says what the model server said', async () => {
    const { post } = await setup([{ status: 401, body: { error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } } }]);
    const received = events(await readEvents(await post('stream', { message: 'hi' })));
    expect(received.at(-1)).toMatchObject({ type: 'error', code: 'responder_error', message: expect.stringContaining('The model server answered 401: Incorrect API key provided') });
  });

  it('reads its settings from the environment', () => {
    expect(openAiConfigFromEnv({})).toBeUndefined();
    expect(openAiConfigFromEnv({ SIDECHAT_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1/', SIDECHAT_OPENAI_MODEL: 'llama3.2' })).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.2',
      apiKey: undefined,
    });
    expect(() => openAiConfigFromEnv({ SIDECHAT_OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/SIDECHAT_OPENAI_MODEL/);
  });
});

describe('Conversations', () => {
  it('drops the oldest exchanges past the bounds, never the last, and the least recent sessions', () => {
    const store = new Conversations({ maxSessions: 2, maxMessages: 4, maxChars: 1000 });
    const exchange = (n: number): CompletionMessage[] => [
      { role: 'user', content: `q${n}` },
      { role: 'assistant', content: `a${n}` },
    ];
    store.set('s1', [...exchange(1), ...exchange(2), ...exchange(3)]);
    expect(store.get('s1', []).map((m) => m.content)).toEqual(['q2', 'a2', 'q3', 'a3']);
    store.set('s2', [{ role: 'user', content: 'x'.repeat(2000) }]);
    expect(store.get('s2', [])).toHaveLength(1);
    store.set('s3', exchange(9));
    // s1 is the least recently saved, so it went; without it, the server's history stands in.
    expect(store.get('s1', [{ message: 'm', reply: 'r' }])).toEqual([
      { role: 'user', content: 'm' },
      { role: 'assistant', content: 'r' },
    ]);
  });
});
