/** The engine with the stateless OpenAI-compatible protocol: nothing that may be generating is sent twice. */
import { describe, expect, it } from 'vitest';
import { runTurn, type TurnEvent, type TurnOptions } from '@/utils/endpoint/turn';
import { openAiProtocol } from '@/utils/endpoint/protocols/openai';
import type { CompletionRequest } from '@/utils/contract/openai-wire';
import { droppedResponse, jsonResponse, sse, streamResponse } from '../fixtures/streams';
import { instantRetry, scriptedFetch, type Answer } from './turn-helpers';

const protocol = openAiProtocol({ url: 'http://127.0.0.1:11434/v1', apiKey: 'sk-ollama-test', model: 'llama3.2', systemPrompt: 'Be brief.' });
const chunk = (delta: object) => ({ choices: [{ index: 0, delta }] });
const ok = () => streamResponse(sse(chunk({ content: 'Hi' }), { choices: [], usage: { total_tokens: 3 } }, '[DONE]'));

function start(answers: Answer[], options: Partial<TurnOptions<CompletionRequest>> = {}) {
  const { fetch, sent } = scriptedFetch(answers);
  const events: TurnEvent[] = [];
  const { retry } = instantRetry();
  const request = protocol.firstRequest({ message: 'hello', history: [{ question: 'one', answer: 'uno' }] });
  const result = runTurn({ protocol, request, mode: 'stream', signal: new AbortController().signal, onEvent: (e) => events.push(e), fetch, retry, ...options });
  const text = () => events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
  return { result, events, sent, text };
}

describe('OpenAI-compatible turns', () => {
  it('posts the conversation with the system prompt first, the key as Bearer, streaming with usage', async () => {
    const t = start([ok()]);
    await t.result;
    expect(t.text()).toBe('Hi');
    expect(t.events.at(-1)).toEqual({ type: 'done', usage: { totalTokens: 3 }, notice: undefined });
    expect(t.sent[0].url).toBe('http://127.0.0.1:11434/v1/chat/completions');
    expect(t.sent[0].headers.Authorization).toBe('Bearer sk-ollama-test');
    expect(t.sent[0].body).toEqual({
      model: 'llama3.2',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'uno' },
        { role: 'user', content: 'hello' },
      ],
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('never re-sends after a first-byte timeout: the server may already be generating', async () => {
    const hanging: Answer = (init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
    const t = start([hanging, ok()], { timeouts: { firstByteMs: 20, idleMs: 1000 } });
    await expect(t.result).rejects.toMatchObject({ code: 'first_byte_timeout' });
    expect(t.sent).toHaveLength(1);
  });

  it('ends a stream that drops mid-reply as failed, the text kept, without asking again', async () => {
    const t = start([droppedResponse(sse(chunk({ content: 'par' })))]);
    await expect(t.result).rejects.toMatchObject({ code: 'interrupted' });
    expect(t.text()).toBe('par');
    expect(t.sent).toHaveLength(1);
  });

  it('retries when no request reached the server: connection refused, or 429/503 before the first byte', async () => {
    const t = start(['network', new Response('busy', { status: 503 }), jsonResponse({ error: { message: 'slow down' } }, 429), ok()]);
    await t.result;
    expect(t.sent).toHaveLength(4);
    expect(t.text()).toBe('Hi');
  });

  it('asks once more without stream_options when a 400 names it, and never twice', async () => {
    const refusal = () => jsonResponse({ error: { message: "Unrecognized request argument supplied: stream_options" } }, 400);
    const t = start([refusal(), ok()]);
    await t.result;
    expect(t.sent[1].body.stream_options).toBeUndefined();
    expect(t.sent[1].body.messages).toEqual(t.sent[0].body.messages);
    const twice = start([refusal(), refusal()]);
    await expect(twice.result).rejects.toMatchObject({ status: 400 });
    expect(twice.sent).toHaveLength(2);
  });

  it('does not retry a 400 for a context that is too long, and says what to do', async () => {
    const t = start([jsonResponse({ error: { message: "This model's maximum context length is 8192 tokens", type: 'invalid_request_error', code: 'context_length_exceeded' } }, 400)]);
    await expect(t.result).rejects.toThrow("400 Bad Request — This model's maximum context length is 8192 tokens — the server refused the request; if it says the context is too long, lower the Context budget");
    expect(t.sent).toHaveLength(1);
  });

  it.each([
    [401, { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } }, '401 Unauthorized — Incorrect API key provided — check the API key in Options'],
    [404, { error: { message: 'model "nope" not found, try pulling it first', type: 'api_error', code: null } }, '404 Not Found — model "nope" not found, try pulling it first — check the Endpoint URL (up to /v1) and the Model in Options'],
    [403, {}, '403 Forbidden — the server refused this extension — for Ollama, set OLLAMA_ORIGINS'],
  ])('puts a %i in words, without falling back to regular mode', async (status, body, message) => {
    const t = start([jsonResponse(body, status)]);
    await expect(t.result).rejects.toThrow(message);
    expect(t.events.map((e) => e.type)).not.toContain('fallback');
  });

  it('ends the reply at an error mid-stream, the text so far kept', async () => {
    const t = start([streamResponse(sse(chunk({ content: 'par' }), { error: { message: 'out of memory' } }))]);
    await expect(t.result).rejects.toThrow('out of memory');
    expect(t.text()).toBe('par');
  });

  it('keeps reasoning apart from the answer', async () => {
    const t = start([streamResponse(sse(chunk({ reasoning_content: 'think' }), chunk({ content: 'answer' }), '[DONE]'))]);
    await t.result;
    expect(t.events.filter((e) => e.type === 'reasoning')).toEqual([{ type: 'reasoning', text: 'think' }]);
    expect(t.text()).toBe('answer');
  });

  it('in regular mode, posts stream: false and reads one JSON reply with usage and the model', async () => {
    const t = start([jsonResponse({ model: 'llama3.2:3b', choices: [{ message: { role: 'assistant', content: 'Hi' } }], usage: { total_tokens: 4 } })], { mode: 'regular' });
    await t.result;
    expect(t.sent[0].body).toMatchObject({ stream: false });
    expect(t.sent[0].body.stream_options).toBeUndefined();
    expect(t.events).toEqual([{ type: 'delta', text: 'Hi' }, { type: 'done', usage: { totalTokens: 4, model: 'llama3.2:3b' } }]);
  });

  it('continues a turn with the assistant’s tool calls and the results as tool messages', () => {
    const first = protocol.firstRequest({ message: 'find x', history: [], functions: [{ name: 'find_in_page', description: 'd', parameters: { type: 'object' } }] });
    expect(first.tools).toEqual([{ type: 'function', function: { name: 'find_in_page', description: 'd', parameters: { type: 'object' } } }]);
    const next = protocol.continuation(first, {
      calls: [{ id: 'c1', name: 'find_in_page', arguments: { query: 'x' } }],
      results: [{ id: 'c1', name: 'find_in_page', result: { total: 1 } }],
      text: 'Looking. ',
      functions: [],
    });
    expect(next.messages.slice(-2)).toEqual([
      { role: 'assistant', content: 'Looking. ', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'find_in_page', arguments: '{"query":"x"}' } }] },
      { role: 'tool', tool_call_id: 'c1', content: '{"total":1}' },
    ]);
    expect(protocol.cancelPost(next)).toBeUndefined();
  });
});
