import { describe, expect, it } from 'vitest';
import { completionEvents, createChunkMapper, readCompletionError, type OpenAiEvent } from '@/utils/contract/openai-wire';
import { readSseMessages } from '@/utils/endpoint/sse-events';
import { bodyFromChunks, splitBytes } from '../fixtures/streams';
import { RECORDINGS } from '../fixtures/openai-recordings';

async function map(wire: string, cuts: number[]): Promise<OpenAiEvent[]> {
  const mapper = createChunkMapper();
  const events: OpenAiEvent[] = [];
  for await (const { data } of readSseMessages(bodyFromChunks(splitBytes(wire, cuts)))) events.push(...mapper.message(data));
  return [...events, ...mapper.end()];
}

const joined = (events: OpenAiEvent[], type: 'text' | 'reasoning') => events.map((e) => (e.type === type ? e.text : '')).join('');

describe('the OpenAI chunk mapping over recorded-shaped streams', () => {
  it.each(RECORDINGS)('$name: answer, thinking, usage and model, whatever byte it is cut at', async (recording) => {
    const whole = await map(recording.wire, []);
    expect(joined(whole, 'text')).toBe(recording.text);
    expect(joined(whole, 'reasoning')).toBe(recording.reasoning);
    expect(whole.filter((e) => e.type === 'done')).toEqual([{ type: 'done', ...((recording.usage || recording.model) && { usage: { ...recording.usage, ...(recording.model && { model: recording.model }) } }) }]);
    expect(whole.some((e) => e.type === 'malformed' || e.type === 'error')).toBe(false);
    const length = new TextEncoder().encode(recording.wire).length;
    for (let cut = 1; cut < length; cut++) {
      const events = await map(recording.wire, [cut]);
      expect([joined(events, 'text'), joined(events, 'reasoning')]).toEqual([recording.text, recording.reasoning]);
    }
  });

  it('reads a <think> block cut at every character the same', async () => {
    const content = '  <think>a</think>b';
    for (let cut = 1; cut < content.length; cut++) {
      const mapper = createChunkMapper();
      const piece = (text: string) => JSON.stringify({ choices: [{ delta: { content: text } }] });
      const events = [...mapper.message(piece(content.slice(0, cut))), ...mapper.message(piece(content.slice(cut))), ...mapper.end()];
      expect([joined(events, 'text'), joined(events, 'reasoning')]).toEqual(['b', 'a']);
    }
  });
});

describe('tool calls', () => {
  const chunk = (toolCalls: object[]) => JSON.stringify({ choices: [{ delta: { tool_calls: toolCalls } }] });

  it('assembles id, name and arguments spread over chunks, several calls by index, in index order', () => {
    const mapper = createChunkMapper();
    const events = [
      ...mapper.message(chunk([{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_selection', arguments: '' } }])),
      ...mapper.message(chunk([{ index: 0, id: 'call_a', type: 'function', function: { name: 'find_', arguments: '{"qu' } }])),
      ...mapper.message(chunk([{ index: 0, function: { name: 'in_page', arguments: 'ery": "lamp' } }])),
      ...mapper.message(chunk([{ index: 0, function: { arguments: ' oil"}' } }])),
      ...mapper.message('[DONE]'),
    ];
    expect(events).toEqual([
      { type: 'function_call', call: { id: 'call_a', name: 'find_in_page', arguments: { query: 'lamp oil' } } },
      { type: 'function_call', call: { id: 'call_b', name: 'get_selection', arguments: {} } },
      { type: 'done' },
    ]);
  });

  it('ends with an error, not a call, when the arguments are not JSON', () => {
    const mapper = createChunkMapper();
    mapper.message(chunk([{ index: 0, id: 'c', function: { name: 'find_in_page', arguments: '{"query": ' } }]));
    expect(mapper.end()).toEqual([{ type: 'error', message: expect.stringContaining('find_in_page with arguments that are not JSON') }]);
  });
});

describe('errors and odd chunks', () => {
  it('ends the reply at an error object mid-stream, the text before it kept by the caller', () => {
    const mapper = createChunkMapper();
    expect(mapper.message(JSON.stringify({ choices: [{ delta: { content: 'par' } }] }))).toEqual([{ type: 'text', text: 'par' }]);
    expect(mapper.message(JSON.stringify({ error: { message: 'model overloaded', code: 503 } }))).toEqual([{ type: 'error', message: 'model overloaded', code: '503' }]);
    expect(mapper.end()).toEqual([]);
  });

  it('reports a chunk that is not JSON as malformed and goes on', () => {
    const mapper = createChunkMapper();
    expect(mapper.message('{oops')).toEqual([{ type: 'malformed', data: '{oops', reason: 'not JSON' }]);
    expect(mapper.message(JSON.stringify({ choices: null }))).toEqual([]);
  });

  it('reads error bodies of OpenAI, Ollama and the rest', () => {
    expect(readCompletionError({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error', code: 'invalid_api_key' } })).toEqual({ message: 'Incorrect API key provided', code: 'invalid_api_key' });
    expect(readCompletionError({ error: { message: 'model "x" not found, try pulling it first', type: 'api_error', param: null, code: null } })).toEqual({ message: 'model "x" not found, try pulling it first', code: 'api_error' });
    expect(readCompletionError({ error: 'llama runner process has terminated' })).toEqual({ message: 'llama runner process has terminated' });
    expect(readCompletionError({ detail: 'nope' })).toBeUndefined();
  });
});

describe('a regular (stream: false) completion', () => {
  it('gives the same events as a stream: thinking, text, calls, done with usage and model', () => {
    const json = {
      model: 'deepseek-reasoner',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', reasoning_content: 'greet', tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_page_context', arguments: '{}' } }] }, finish_reason: 'tool_calls' }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    };
    expect(completionEvents(json)).toEqual({
      events: [
        { type: 'reasoning', text: 'greet' },
        { type: 'text', text: 'Hi' },
        { type: 'function_call', call: { id: 'c1', name: 'get_page_context', arguments: {} } },
        { type: 'done', usage: { promptTokens: 3, completionTokens: 2, totalTokens: 5, model: 'deepseek-reasoner' } },
      ],
    });
  });

  it('says why a body is not a completion', () => {
    expect(completionEvents({ content: 'hi' })).toEqual({ issue: expect.any(String) });
  });
});
