import { describe, expect, it } from 'vitest';
import { jsonResponse, sse, streamResponse } from '../fixtures/streams';
import { startTurn } from './turn-helpers';

const ok = () => streamResponse(sse({ type: 'content', data: 'Hi' }, { type: 'done' }));
const status = (code: number, headers: Record<string, string> = {}) => new Response(`status ${code}`, { status: code, headers });
const regularOk = () => jsonResponse({ content: 'Hi' });
const waits = (events: ReturnType<typeof startTurn>['events']) => events.flatMap((e) => (e.type === 'reconnecting' ? [[e.attempt, e.attempts, e.delayMs]] : []));

describe('retries before the first byte', () => {
  it.each([502, 503, 504, 429])('retries after %i and then streams, showing the wait', async (code) => {
    const t = startTurn([status(code), ok()]);
    await t.result;
    expect(t.text()).toBe('Hi');
    expect(t.sent).toHaveLength(2);
    expect(waits(t.events)).toEqual([[1, 3, 500]]);
    // The same request: the server recognises the repeat by its requestId.
    expect(t.sent[1].body).toEqual(t.sent[0].body);
    expect(t.sent[1].headers['Last-Event-ID']).toBeUndefined();
  });

  it('retries after a network error', async () => {
    const t = startTurn(['network', ok()]);
    await t.result;
    expect(t.text()).toBe('Hi');
    expect(t.types()[0]).toBe('reconnecting');
  });

  it('gives up after 3 retries with the last status explained', async () => {
    const t = startTurn([status(503), status(503), status(503), status(503)], { retry: { random: () => 1, sleep: async () => {} } });
    await expect(t.result).rejects.toThrow('503 Service Unavailable — the server is busy or starting; Retry in a moment');
    expect(t.sent).toHaveLength(4);
    expect(waits(t.events)).toEqual([
      [1, 3, 1000],
      [2, 3, 2000],
      [3, 3, 4000],
    ]);
  });

  it('gives up after 3 retries when the server cannot be reached', async () => {
    const t = startTurn(['network', 'network', 'network', 'network']);
    await expect(t.result).rejects.toMatchObject({ code: 'unreachable' });
    expect(t.sent).toHaveLength(4);
  });

  it.each([400, 401, 403, 413, 500])('does not retry %i', async (code) => {
    const t = startTurn([jsonResponse({ error: { message: 'no' } }, code)]);
    await expect(t.result).rejects.toMatchObject({ status: code });
    expect(t.sent).toHaveLength(1);
    expect(t.types()).not.toContain('reconnecting');
  });

  it('does not retry a 404 that carries a protocol error code', async () => {
    const t = startTurn([jsonResponse({ error: { message: 'No such project', code: 'project_not_found' } }, 404)]);
    await expect(t.result).rejects.toMatchObject({ status: 404, code: 'project_not_found' });
    expect(t.sent).toHaveLength(1);
  });

  it('does not retry a redirect', async () => {
    const t = startTurn([new Response(null, { status: 307, headers: { Location: 'https://elsewhere/' } })]);
    await expect(t.result).rejects.toMatchObject({ code: 'redirect' });
    expect(t.sent).toHaveLength(1);
  });

  it('waits as long as Retry-After says, in seconds', async () => {
    const t = startTurn([status(429, { 'Retry-After': '7' }), ok()]);
    await t.result;
    expect(waits(t.events)).toEqual([[1, 3, 7000]]);
  });

  it('waits until the Retry-After date', async () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const t = startTurn([status(503, { 'Retry-After': 'Fri, 27 Nov 2026 10:00:12 GMT' }), ok()], { retry: { now: () => now, sleep: async () => {} } });
    await t.result;
    expect(waits(t.events)).toEqual([[1, 3, 12_000]]);
  });

  it('ignores Retry-After on a 502, which does not promise anything', async () => {
    const t = startTurn([status(502, { 'Retry-After': '30' }), ok()], { retry: { random: () => 1, sleep: async () => {} } });
    await t.result;
    expect(waits(t.events)).toEqual([[1, 3, 1000]]);
  });

  it('fails at once, saying when to come back, when Retry-After asks for longer than a minute', async () => {
    const now = Date.parse('2026-11-27T10:00:00Z');
    const t = startTurn([status(429, { 'Retry-After': '300' })], { retry: { now: () => now, sleep: async () => {} } });
    const until = new Date(now + 300_000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    await expect(t.result).rejects.toMatchObject({ code: 'retry_later', status: 429, message: `429 Too Many Requests — the server asks to wait until ${until}; try again then` });
    expect(t.sent).toHaveLength(1);
    expect(t.types()).not.toContain('reconnecting');
  });

  it('retries in regular mode too', async () => {
    const t = startTurn([status(503), 'network', regularOk()], { mode: 'regular' });
    await t.result;
    expect(t.text()).toBe('Hi');
    expect(t.sent).toHaveLength(3);
    expect(t.sent.every((r) => r.url.endsWith('/chat'))).toBe(true);
  });

  it('retries the regular request after a fallback', async () => {
    const t = startTurn([status(404), status(502), regularOk()]);
    await t.result;
    expect(t.types()).toEqual(['fallback', 'reconnecting', 'delta', 'done']);
  });

  it('gives every streaming request a requestId and keeps one the caller gave', async () => {
    const t = startTurn([ok()], { request: { requestId: 'mine', message: 'x' } });
    await t.result;
    expect(t.sent[0].body.requestId).toBe('mine');
  });
});
