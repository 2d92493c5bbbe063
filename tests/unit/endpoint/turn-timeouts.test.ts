import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pacedBody, sse, sseWithIds, streamResponse } from '../fixtures/streams';
import { startTurn } from './turn-helpers';

const timeouts = { firstByteMs: 30_000, idleMs: 45_000 };
const content = (data: string) => ({ type: 'content', data });
const REPLY = sseWithIds(1, content('one '), content('two '), content('three'), { type: 'done' });
const after = (id: number) => streamResponse(REPLY.split('\n\n').slice(id).join('\n\n'));
const paced = (pieces: Array<{ delayMs: number; text: string }>, close = true) =>
  new Response(pacedBody(pieces, close), { headers: { 'Content-Type': 'text/event-stream' } });

/** A fetch that never answers, but gives up when its signal aborts, as a real one does. */
const silent = (init: RequestInit) =>
  new Promise<Response>((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
/** One that ignores its signal altogether: the timeout must not depend on it. */
const deaf = () => new Promise<Response>(() => {});

describe('timeouts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('counts no bytes for the idle timeout as a drop: the fetch is aborted and the reply resumes', async () => {
    const first = paced([{ delayMs: 0, text: REPLY.split('\n\n').slice(0, 2).join('\n\n') + '\n\n' }], false);
    const t = startTurn([first, after(2)], { timeouts });
    await vi.advanceTimersByTimeAsync(44_999);
    expect(t.sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    await t.result;
    expect(t.sent[0].signal.aborted).toBe(true);
    expect(t.sent[1].headers['Last-Event-ID']).toBe('2');
    expect(t.text()).toBe('one two three');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps a stream that sends only keep-alive comments alive past the idle timeout', async () => {
    const pieces = [
      { delayMs: 0, text: 'id: 1\ndata: {"type":"content","data":"slow "}\n\n' },
      ...Array.from({ length: 4 }, () => ({ delayMs: 30_000, text: ': keep-alive\n\n' })),
      { delayMs: 30_000, text: 'id: 2\ndata: {"type":"content","data":"answer"}\n\nid: 3\ndata: {"type":"done"}\n\n' },
    ];
    const t = startTurn([paced(pieces)], { timeouts });
    await vi.advanceTimersByTimeAsync(150_000);
    await t.result;
    expect(t.text()).toBe('slow answer');
    expect(t.sent).toHaveLength(1);
    expect(t.types()).not.toContain('reconnecting');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('measures bytes, not events: a keep-alive split across reads still counts', async () => {
    const pieces = [
      { delayMs: 0, text: 'id: 1\ndata: {"type":"content","data":"a"}\n\n' },
      { delayMs: 40_000, text: ': keep' },
      { delayMs: 40_000, text: '-alive\n\n' },
      { delayMs: 40_000, text: 'id: 2\ndata: {"type":"done"}\n\n' },
    ];
    const t = startTurn([paced(pieces)], { timeouts });
    await vi.advanceTimersByTimeAsync(120_000);
    await t.result;
    expect(t.sent).toHaveLength(1);
  });

  it.each([
    ['aborts', silent],
    ['ignores the abort', deaf],
  ])('retries after the first-byte timeout when the fetch %s', async (_, hanging) => {
    const t = startTurn([hanging, streamResponse(sse(content('late'), { type: 'done' }))], { timeouts });
    await vi.advanceTimersByTimeAsync(29_999);
    expect(t.types()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await t.result;
    expect(t.sent[0].signal.aborted).toBe(true);
    expect(t.types()).toEqual(['reconnecting', 'delta', 'done']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('says so when no answer came within the first-byte timeout, after every retry', async () => {
    const t = startTurn([silent, silent, silent, silent], { timeouts });
    const failed = expect(t.result).rejects.toMatchObject({ code: 'first_byte_timeout', message: 'No answer from 127.0.0.1:8787 within 30 s — the server may be busy; Retry, or raise the First byte timeout in Options' });
    await vi.advanceTimersByTimeAsync(4 * 30_000);
    await failed;
    expect(t.sent).toHaveLength(4);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('does not repeat a regular request that timed out: without a stream the server may still be answering it', async () => {
    const t = startTurn([silent], { timeouts, mode: 'regular' });
    const failed = expect(t.result).rejects.toMatchObject({ code: 'first_byte_timeout' });
    await vi.advanceTimersByTimeAsync(30_000);
    await failed;
    expect(t.sent).toHaveLength(1);
  });

  it('applies the first-byte timeout to a reconnect too', async () => {
    const first = paced([{ delayMs: 0, text: REPLY.split('\n\n')[0] + '\n\n' }]);
    const t = startTurn([first, silent, after(1)], { timeouts });
    await vi.advanceTimersByTimeAsync(30_000);
    await t.result;
    expect(t.text()).toBe('one two three');
    expect(t.events.filter((e) => e.type === 'reconnecting').map((e) => e.type === 'reconnecting' && e.attempt)).toEqual([1, 2]);
  });

  it('leaves no timer running after a turn that finished, failed or was stopped', async () => {
    const done = startTurn([streamResponse(REPLY)], { timeouts });
    await done.result;
    expect(vi.getTimerCount()).toBe(0);

    const failed = startTurn([new Response('no', { status: 400 })], { timeouts });
    await expect(failed.result).rejects.toMatchObject({ status: 400 });
    expect(vi.getTimerCount()).toBe(0);

    const stopped = startTurn([(init) => paced([{ delayMs: 0, text: 'id: 1\ndata: {"type":"content","data":"x"}\n\n' }], false), silent], { timeouts });
    await vi.advanceTimersByTimeAsync(10);
    expect(stopped.text()).toBe('x');
    stopped.controller.abort();
    await expect(stopped.result).rejects.toMatchObject({ name: 'AbortError' });
    expect(stopped.sent[0].signal.aborted).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});
