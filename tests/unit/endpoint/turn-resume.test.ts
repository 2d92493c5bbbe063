import { describe, expect, it, vi } from 'vitest';
import { byteOffsetAfter, cutResponse, sseWithIds, streamResponse } from '../fixtures/streams';
import { startTurn } from './turn-helpers';

const content = (data: string) => ({ type: 'content', data });
/** The whole reply, as the reference endpoint would number it. */
const REPLY = sseWithIds(1, content('Grüße '), content('aus '), content('Köln 🌍'), content(', bis '), content('bald.'), { type: 'done', usage: { totalTokens: 9 } });
const WHOLE = 'Grüße aus Köln 🌍, bis bald.';
/** The server's answer to a resume after `id`: the events after it. */
const after = (id: number) => streamResponse(REPLY.split('\n\n').slice(id).join('\n\n'));

describe('resuming a dropped stream', () => {
  it('reconnects with the same body and Last-Event-ID after a drop mid-event, and nothing is missing or doubled', async () => {
    // Cut inside event 4, after its "id: 4" line: event 4 is incomplete and must come again.
    const cut = byteOffsetAfter(REPLY, 'id: 4\n');
    const t = startTurn([cutResponse(REPLY, cut), after(3)]);
    await t.result;
    expect(t.text()).toBe(WHOLE);
    expect(t.sent).toHaveLength(2);
    expect(t.sent[1].body).toEqual(t.sent[0].body);
    expect(t.sent[0].body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(t.sent[0].headers['Last-Event-ID']).toBeUndefined();
    expect(t.sent[1].headers['Last-Event-ID']).toBe('3');
    expect(t.types()).toEqual(['delta', 'delta', 'delta', 'reconnecting', 'reconnected', 'delta', 'delta', 'done']);
    expect(t.events[3]).toEqual({ type: 'reconnecting', attempt: 1, attempts: 5, delayMs: 500 });
    expect(t.events.at(-1)).toEqual({ type: 'done', usage: { totalTokens: 9 }, notice: undefined });
  });

  it('resumes a stream cut in the middle of a UTF-8 character, and the characters come out whole', async () => {
    const cut = byteOffsetAfter(REPLY, 'K') + 1; // between the two bytes of "ö"
    const t = startTurn([cutResponse(REPLY, cut, 'end'), after(2)]);
    await t.result;
    expect(t.text()).toBe(WHOLE);
    expect(t.sent[1].headers['Last-Event-ID']).toBe('2');
  });

  it.each([1, 7, 40, 77, 120])('gives the exact text whatever byte the stream is cut at (%i)', async (cut) => {
    const t = startTurn([cutResponse(REPLY, cut), (init) => after(Number((init.headers as Record<string, string>)['Last-Event-ID'] ?? 0))], {});
    // Cut before any id and with no retry: announced, the server can't be assumed to resume.
    if (cut < byteOffsetAfter(REPLY, '\n\n')) {
      await expect(t.result).rejects.toMatchObject({ code: 'interrupted' });
      return;
    }
    await t.result;
    expect(t.text()).toBe(WHOLE);
  });

  it('skips what a server that ignores Last-Event-ID replays from the start', async () => {
    const cut = byteOffsetAfter(REPLY, 'id: 4\n');
    const t = startTurn([cutResponse(REPLY, cut), streamResponse(REPLY)]);
    await t.result;
    expect(t.text()).toBe(WHOLE);
    expect(t.events.filter((e) => e.type === 'delta').map((e) => e.type === 'delta' && e.eventId)).toEqual(['1', '2', '3', '4', '5']);
  });

  it('gives each delta the id of its event, for the caller’s checkpoint', async () => {
    const t = startTurn([streamResponse(REPLY)]);
    await t.result;
    expect(t.events[0]).toEqual({ type: 'delta', text: 'Grüße ', eventId: '1' });
  });

  it('keeps the session and function calls of the resumed stream, once', async () => {
    const stream = sseWithIds(1, { type: 'content', data: 'a', sessionId: 's-7' }, { type: 'function_call', id: 'c1', name: 'get_page_context' }, { type: 'done' });
    const t = startTurn([cutResponse(stream, byteOffsetAfter(stream, 'id: 2\n')), streamResponse(stream)]);
    await t.result;
    expect(t.events.filter((e) => e.type === 'session')).toHaveLength(1);
    expect(t.events.filter((e) => e.type === 'function_call')).toEqual([{ type: 'function_call', call: { id: 'c1', name: 'get_page_context', arguments: {} }, eventId: '2' }]);
  });

  it('resumes more than once, with fresh attempts after each resume that made progress', async () => {
    const cutAfter = (id: number) => byteOffsetAfter(REPLY, '\n\n', id);
    const t = startTurn([
      cutResponse(REPLY, cutAfter(1)),
      'network',
      'network',
      cutResponse(REPLY.split('\n\n').slice(1).join('\n\n'), byteOffsetAfter(REPLY.split('\n\n').slice(1).join('\n\n'), '\n\n', 2)),
      'network',
      after(3),
    ]);
    await t.result;
    expect(t.text()).toBe(WHOLE);
    expect(t.sent.map((r) => r.headers['Last-Event-ID'])).toEqual([undefined, '1', '1', '1', '3', '3']);
    expect(t.events.filter((e) => e.type === 'reconnecting').map((e) => e.type === 'reconnecting' && e.attempt)).toEqual([1, 2, 3, 1, 2]);
  });

  it('waits with exponential backoff and full jitter, bounded, then gives up with the text kept', async () => {
    const t = startTurn([cutResponse(REPLY, byteOffsetAfter(REPLY, '\n\n', 2)), 'network', 'network', 'network', 'network', 'network'], { retry: { random: () => 1, sleep: async () => {} } });
    await expect(t.result).rejects.toMatchObject({ code: 'connection_lost', message: expect.stringContaining('Connection lost after 10 characters') });
    const waits = t.events.filter((e) => e.type === 'reconnecting');
    expect(waits.map((e) => e.type === 'reconnecting' && [e.attempt, e.attempts, e.delayMs])).toEqual([
      [1, 5, 1000],
      [2, 5, 2000],
      [3, 5, 4000],
      [4, 5, 8000],
      [5, 5, 10000],
    ]);
    expect(t.text()).toBe('Grüße aus ');
  });

  it('draws each wait between 0 and the exponential bound', async () => {
    const draws = [0, 0.25, 0.999];
    for (const random of draws) {
      const t = startTurn([cutResponse(REPLY, byteOffsetAfter(REPLY, '\n\n')), 'network', 'network', 'network', 'network', 'network'], { retry: { random: () => random, sleep: async () => {} } });
      await expect(t.result).rejects.toMatchObject({ code: 'connection_lost' });
      const delays = t.events.flatMap((e) => (e.type === 'reconnecting' ? [e.delayMs] : []));
      delays.forEach((delay, i) => {
        const bound = Math.min(10_000, 1000 * 2 ** i);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(bound);
        expect(delay).toBe(Math.round(random * bound));
      });
    }
  });

  it('honours the server’s retry: as the base of the backoff', async () => {
    const stream = `retry: 3000\n\n${REPLY}`;
    const t = startTurn([cutResponse(stream, byteOffsetAfter(stream, '\n\n', 2)), 'network', after(1)], { retry: { random: () => 1, sleep: async () => {} } });
    await t.result;
    expect(t.events.flatMap((e) => (e.type === 'reconnecting' ? [e.delayMs] : []))).toEqual([3000, 6000]);
    expect(t.text()).toBe(WHOLE);
  });

  it('re-sends the request without Last-Event-ID when a server that announced retry: drops before the first event', async () => {
    const stream = `retry: 1000\n\n${REPLY}`;
    const t = startTurn([cutResponse(stream, byteOffsetAfter(stream, 'id: 1\n')), streamResponse(REPLY)]);
    await t.result;
    expect(t.text()).toBe(WHOLE);
    expect(t.sent.map((r) => r.headers['Last-Event-ID'])).toEqual([undefined, undefined]);
    expect(t.sent[1].body.requestId).toBe(t.sent[0].body.requestId);
  });

  it('says the reply is gone when the resume answers 410, keeping the text', async () => {
    const gone = new Response(JSON.stringify({ error: { code: 'gone', message: 'expired' } }), { status: 410, headers: { 'Content-Type': 'application/json' } });
    const t = startTurn([cutResponse(REPLY, byteOffsetAfter(REPLY, '\n\n', 2)), gone]);
    await expect(t.result).rejects.toMatchObject({ code: 'gone', message: expect.stringMatching(/no longer has this reply.*text so far is kept.*Retry/) });
    expect(t.text()).toBe('Grüße aus ');
  });

  it('marks a drop interrupted, never asking again, when the server sends no ids', async () => {
    const stream = 'data: {"type":"content","data":"half a rep"}\n\ndata: {"type":"con';
    const t = startTurn([cutResponse(stream, 1e6)]);
    await expect(t.result).rejects.toMatchObject({ code: 'interrupted', message: expect.stringContaining("can't resume a reply") });
    expect(t.sent).toHaveLength(1);
    expect(t.text()).toBe('half a rep');
  });

  it('marks a drop interrupted when the ids are not numbers, as a replay could not be told apart', async () => {
    const stream = 'id: abc\ndata: {"type":"content","data":"x"}\n\n';
    const t = startTurn([cutResponse(stream, 1e6)]);
    await expect(t.result).rejects.toMatchObject({ code: 'interrupted' });
    expect(t.sent).toHaveLength(1);
  });

  it('does not resume after an error event: the server ended the reply', async () => {
    const stream = sseWithIds(1, content('a'), { type: 'error', message: 'Model overloaded', code: 'overloaded' });
    const t = startTurn([streamResponse(stream)]);
    await expect(t.result).rejects.toMatchObject({ code: 'overloaded' });
    expect(t.sent).toHaveLength(1);
  });

  it('resumes a reply another worker was reading: the first POST already carries Last-Event-ID', async () => {
    const t = startTurn([streamResponse(REPLY)], { lastEventId: '3', request: { requestId: 'r-1', message: 'hello' } });
    await t.result;
    expect(t.sent[0].headers['Last-Event-ID']).toBe('3');
    expect(t.sent[0].body.requestId).toBe('r-1');
    expect(t.text()).toBe(', bis bald.');
    expect(t.types()).not.toContain('reconnected');
  });

  it('says gone when the reply another worker was reading has expired', async () => {
    const t = startTurn([new Response('', { status: 410 })], { lastEventId: '3' });
    await expect(t.result).rejects.toMatchObject({ code: 'gone' });
  });

  it('ends at once when Stop comes during a backoff wait, leaving no timer behind', async () => {
    vi.useFakeTimers();
    try {
      // The real sleep; the fake clock never moves, so only Stop can end the wait.
      const t = startTurn([cutResponse(REPLY, byteOffsetAfter(REPLY, '\n\n', 2))], { retry: { random: () => 1 } });
      await vi.waitFor(() => expect(t.types()).toContain('reconnecting'));
      expect(vi.getTimerCount()).toBe(1);
      t.controller.abort();
      await expect(t.result).rejects.toMatchObject({ name: 'AbortError' });
      expect(t.sent).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
