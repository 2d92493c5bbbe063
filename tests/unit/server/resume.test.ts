import * as v from 'valibot';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { chatUrl, ErrorBodySchema } from '../../../utils/contract/sidechat-wire';
import { startFaultProxy } from '../../fixtures/fault-proxy';
import { contentText, gatedResponder, memoryReplies, readEvents, startServer, type TimedEvent } from './helpers';

const ids = (events: TimedEvent[]) => events.map(({ id }) => Number(id));
const resume = (lastEventId: string) => ({ headers: { 'Last-Event-ID': lastEventId } });

async function goneError(response: Response) {
  expect(response.status).toBe(410);
  return v.parse(ErrorBodySchema, await response.json()).error;
}

describe('reference server: resuming a stream', () => {
  it('replays exactly the events after Last-Event-ID, then done', async () => {
    const { post } = await startServer();
    const body = { message: 'count to 10', requestId: 'r-replay' };
    const whole = await readEvents(await post('stream', body));
    expect(ids(whole)).toEqual([...Array(11).keys()].map((i) => i + 1));

    const rest = await readEvents(await post('stream', body, resume('4')));
    expect(ids(rest)).toEqual([5, 6, 7, 8, 9, 10, 11]);
    expect(contentText(rest)).toBe('5 6 7 8 9 10');
    expect(rest.map(({ event }) => event)).toEqual(whole.slice(4).map(({ event }) => event));
    expect(await readEvents(await post('stream', body, resume('11')))).toEqual([]);
  });

  it('a reconnect after a drop gets what it missed, then the reply live, and the turn is recorded once', async () => {
    const gated = gatedResponder();
    const { app, post } = await startServer({ responder: gated.responder });
    app.inject({ dropAfterEvents: 1 });
    const body = { message: 'go', requestId: 'r-live' };
    const cut: TimedEvent[] = [];
    // Identity: fetch's own gunzip loses output still in flight when the connection drops.
    await expect(readEvents(await post('stream', body, { headers: { 'Accept-Encoding': 'identity' } }), cut)).rejects.toThrow();
    expect(contentText(cut)).toBe('one ');

    const response = await post('stream', body, resume(cut.at(-1)!.id!));
    const reading = readEvents(response);
    await vi.waitFor(() => expect(memoryReplies(app).get('r-live')!.lastId).toBe(2));
    gated.release();
    const rest = await reading;
    expect(ids(rest)).toEqual([2, 3, 4, 5]);
    expect(contentText(cut) + contentText(rest)).toBe('one two three four');
    expect(rest.at(-1)!.event.type).toBe('done');

    const sessionId = cut[0].event.type === 'content' ? cut[0].event.sessionId : undefined;
    await readEvents(await post('stream', { message: 'again', sessionId, requestId: 'r-next' }));
    expect(gated.turns).toEqual([1, 2]);
  });

  it('a retry with the same requestId and no Last-Event-ID replays the reply rather than asking again', async () => {
    const gated = gatedResponder();
    gated.release();
    const { post } = await startServer({ responder: gated.responder });
    const body = { message: 'go', requestId: 'r-retry' };
    const first = await readEvents(await post('stream', body));
    const second = await readEvents(await post('stream', body));
    const untimed = (events: TimedEvent[]) => events.map(({ event, id }) => ({ event, id }));
    expect(untimed(second)).toEqual(untimed(first));
    expect(contentText(second)).toBe('one two three four');
    expect(gated.signals).toHaveLength(1);
  });

  it('answers 410 gone once a finished reply expired, for an unknown requestId, and after a gone fault', async () => {
    const { app, post } = await startServer({ replay: { expireMs: 300 } });
    const body = { message: 'count to 3', requestId: 'r-expire' };
    await readEvents(await post('stream', body));
    expect(memoryReplies(app).get('r-expire')).toBeDefined();
    await vi.waitFor(() => expect(memoryReplies(app).get('r-expire')).toBeUndefined());
    expect(await goneError(await post('stream', body, resume('2')))).toMatchObject({ code: 'gone', message: expect.stringContaining('send the message again') });

    expect((await goneError(await post('stream', { message: 'x', requestId: 'never-seen' }, resume('1')))).code).toBe('gone');
    expect((await goneError(await post('stream', { message: 'x' }, resume('1')))).code).toBe('gone');

    const kept = { message: 'count to 3', requestId: 'r-forgotten' };
    await readEvents(await post('stream', kept));
    app.inject({ gone: true });
    expect((await goneError(await post('stream', kept, resume('2')))).code).toBe('gone');
  });

  it('answers 410 for an id the reply never had', async () => {
    const { post } = await startServer();
    const body = { message: 'count to 3', requestId: 'r-ids' };
    await readEvents(await post('stream', body));
    for (const bad of ['5', 'abc', '-1', '1.5']) expect((await post('stream', body, resume(bad))).status).toBe(410);
  });

  it('evicts the oldest finished reply first when the buffers outgrow their bound', async () => {
    const probe = await startServer();
    await readEvents(await probe.post('stream', { message: 'count to 10', requestId: 'size' }));
    const oneReply = memoryReplies(probe.app).totalBytes;

    const { app, post } = await startServer({ replay: { maxTotalBytes: oneReply * 2 + 10 } });
    for (const requestId of ['a', 'b', 'c']) await readEvents(await post('stream', { message: 'count to 10', requestId }));
    expect(memoryReplies(app).get('a')).toBeUndefined();
    expect(memoryReplies(app).get('b')).toBeDefined();
    expect(memoryReplies(app).get('c')).toBeDefined();
    expect(memoryReplies(app).totalBytes).toBeLessThanOrEqual(oneReply * 2 + 10);
    expect((await post('stream', { message: 'count to 10', requestId: 'a' }, resume('3'))).status).toBe(410);
  });

  it('keeps only the newest frames of a reply over its own bound: a resume further back is gone', async () => {
    const { app, post } = await startServer({ replay: { maxReplyBytes: 400 } });
    const body = { message: 'count to 100', requestId: 'r-long' };
    const whole = await readEvents(await post('stream', body));
    expect(memoryReplies(app).get('r-long')!.bytes).toBeLessThanOrEqual(400);
    expect((await post('stream', body, resume('2'))).status).toBe(410);
    expect(contentText(await readEvents(await post('stream', body, resume('98'))))).toBe(contentText(whole.slice(98)));
  });

  it('aborts a reply nobody reads for detachMs, and forgets it without recording the turn', async () => {
    const gated = gatedResponder();
    const { app, post } = await startServer({ responder: gated.responder, replay: { detachMs: 50 } });
    const controller = new AbortController();
    const body = { message: 'go', requestId: 'r-detached' };
    const reader = (await post('stream', body, { signal: controller.signal })).body!.getReader();
    await reader.read();
    controller.abort();
    await app.requests.waitFor((r) => r.closedByClient);
    expect(gated.signals[0].aborted).toBe(false);
    await vi.waitFor(() => expect(gated.signals[0].aborted).toBe(true));
    expect(memoryReplies(app).get('r-detached')).toBeUndefined();
    expect((await post('stream', body, resume('1'))).status).toBe(410);

    gated.release();
    await readEvents(await post('stream', { message: 'next', requestId: 'r-after' }));
    expect(gated.turns).toEqual([1, 1]);
  });

  it('keeps a reply running while it is read again within detachMs', async () => {
    const gated = gatedResponder();
    const { app, post } = await startServer({ responder: gated.responder, replay: { detachMs: 50 } });
    app.inject({ dropAfterEvents: 1 });
    const body = { message: 'go', requestId: 'r-back' };
    await expect(readEvents(await post('stream', body))).rejects.toThrow();
    const reading = readEvents(await post('stream', body, resume('1')));
    // Longer than detachMs with the second reader attached: the reply must still be alive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    gated.release();
    expect(contentText(await reading)).toBe('two three four');
    expect(gated.signals[0].aborted).toBe(false);
  });

  it('without a requestId streams with ids but keeps nothing to replay', async () => {
    const { app, post } = await startServer();
    const events = await readEvents(await post('stream', { message: 'count to 3' }));
    expect(ids(events)).toEqual([1, 2, 3, 4]);
    expect(memoryReplies(app).totalBytes).toBe(0);
  });

  it('noIds streams as a server that cannot resume: no id:, no retry:, Last-Event-ID ignored', async () => {
    const { app, post } = await startServer();
    app.inject({ noIds: true });
    const body = { message: 'count to 3', requestId: 'r-noids' };
    const text = await (await post('stream', body, { headers: { 'Accept-Encoding': 'identity' } })).text();
    expect(text).not.toMatch(/^(id|retry):/m);
    expect(text).toMatch(/^data: \{"type":"content","data":"1 "/);
    expect(memoryReplies(app).get('r-noids')).toBeUndefined();

    app.inject({ noIds: true });
    const again = await readEvents(await post('stream', body, resume('2')));
    expect(contentText(again)).toBe('1 2 3');
    expect(ids(again)).toEqual([NaN, NaN, NaN, NaN]);
  });

  it('asks clients for the configured reconnection delay', async () => {
    const { post } = await startServer({ retryMs: 250 });
    const text = await (await post('stream', { message: 'count to 1', requestId: 'r-retry-ms' }, { headers: { 'Accept-Encoding': 'identity' } })).text();
    expect(text.startsWith('retry: 250\n\n')).toBe(true);
  });
});

describe('reference server behind the fault proxy', () => {
  it('a stream the network cuts mid-event resumes with nothing missing and nothing doubled', async () => {
    const { app, url } = await startServer();
    const { port } = new URL(url);
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(port) });
    onTestFinished(() => proxy.close());
    proxy.inject({ path: '/chat/stream', cutAfterBytes: 700 });
    const post = (headers: Record<string, string> = {}) =>
      fetch(chatUrl(proxy.url, 'demo', 'stream'), {
        method: 'POST',
        headers: { 'Accept-Encoding': 'identity', ...headers },
        body: JSON.stringify({ message: 'count to 100', requestId: 'r-proxy' }),
      });
    const cut: TimedEvent[] = [];
    await expect(readEvents(await post(), cut)).rejects.toThrow();
    expect(cut.length).toBeGreaterThan(0);
    const rest = await readEvents(await post({ 'Last-Event-ID': cut.at(-1)!.id! }));
    expect(contentText(cut) + contentText(rest)).toBe(Array.from({ length: 100 }, (_, i) => i + 1).join(' '));
    expect(app.requests.all).toHaveLength(2);
  });
});
