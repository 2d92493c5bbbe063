import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { ChatRequestSchema, chatUrl, parseStreamEvent } from '@/utils/contract/sidechat-wire';

describe('chatUrl', () => {
  it('appends the API path to the endpoint, keeping a path prefix and encoding the project', () => {
    expect(chatUrl('http://127.0.0.1:8787', 'demo', 'stream')).toBe('http://127.0.0.1:8787/api/v1/ai/projects/demo/chat/stream');
    expect(chatUrl('https://api.example.com/proxy/', 'a b/c', 'regular')).toBe('https://api.example.com/proxy/api/v1/ai/projects/a%20b%2Fc/chat');
  });
});

describe('parseStreamEvent', () => {
  it('lets the JSON type win over the SSE event name', () => {
    expect(parseStreamEvent('{"type":"done"}', 'content')).toEqual({ type: 'done' });
  });

  it('takes the type from the SSE event name when the JSON has none', () => {
    expect(parseStreamEvent('{"message":"boom","code":"x"}', 'error')).toEqual({ type: 'error', message: 'boom', code: 'x' });
  });

  it('folds the chunk form into content', () => {
    expect(parseStreamEvent('{"type":"chunk","content":"hi"}')).toEqual({ type: 'content', data: 'hi' });
  });

  it('treats [DONE] as done', () => {
    expect(parseStreamEvent('[DONE]')).toEqual({ type: 'done' });
  });

  it('keeps usage and sessionId on done', () => {
    const usage = { promptTokens: 1, completionTokens: 2, totalTokens: 3, cost: 0.1 };
    expect(parseStreamEvent(JSON.stringify({ type: 'done', sessionId: 's', usage }))).toEqual({ type: 'done', sessionId: 's', usage });
  });

  it('reads function calls, defaulting the arguments', () => {
    expect(parseStreamEvent('{"type":"function_call","id":"c1","name":"get_page_context"}')).toEqual({
      type: 'function_call',
      id: 'c1',
      name: 'get_page_context',
      arguments: {},
    });
  });

  it('says why an event is malformed', () => {
    expect(parseStreamEvent('nope')).toMatchObject({ type: 'malformed', reason: 'not JSON' });
    expect(parseStreamEvent('[1]')).toMatchObject({ type: 'malformed', reason: 'not a JSON object' });
    expect(parseStreamEvent('{"type":"content","data":5}')).toMatchObject({ type: 'malformed' });
  });

  it('ignores unknown types', () => {
    expect(parseStreamEvent('{"type":"heartbeat"}')).toEqual({ type: 'unknown', name: 'heartbeat' });
  });
});

describe('ChatRequestSchema', () => {
  const parse = (body: unknown) => v.safeParse(ChatRequestSchema, body);

  it('takes a message, or a continuation with function results (result or error, never neither)', () => {
    expect(parse({ message: 'hi', functions: [{ name: 'get_page_context', description: 'd', parameters: { type: 'object' } }] }).success).toBe(true);
    expect(parse({ sessionId: 's', functionResults: [{ id: 'c', name: 'n', result: null }] }).success).toBe(true);
    expect(parse({ sessionId: 's', functionResults: [{ id: 'c', name: 'n', error: 'declined' }] }).success).toBe(true);
    expect(parse({ sessionId: 's', functionResults: [{ id: 'c', name: 'n' }] }).success).toBe(false);
    expect(parse({ sessionId: 's', functionResults: [] }).success).toBe(false);
    expect(parse({ message: 'hi', context: { url: 'https://a.example/', title: 'A', selection: 'x' } }).success).toBe(true);
    expect(parse({ message: 'hi', functions: [{ name: 'has spaces', description: 'd', parameters: {} }] }).success).toBe(false);
  });
});
