/**
 * Several endpoint instances (child processes) sharing a real redis-server, directly and behind a
 * real HAProxy, all on free loopback ports: resume anywhere, one generation per requestId, cancel
 * anywhere, an owner's crash and graceful stop, and Redis going away and coming back.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startInstance, type Instance } from '../../../server/cluster/instances';
import { startHaproxy, startRedis, type RedisServer } from '../../../server/cluster/local-servers';
import { chatUrl, type ParsedEvent } from '../../../utils/contract/sidechat-wire';
import { contentText, readEvents, type TimedEvent } from './helpers';

let redis: RedisServer;
let a: Instance;
let b: Instance;

/** Instances at a model's pace (20 words/s), noticing a dead peer within about a second. */
const instanceArgs = () => ['--redis', redis.url, '--wps', '20', '--lease-ms', '800', '--drain-ms', '10000'];

beforeAll(async () => {
  redis = await startRedis();
  [a, b] = await Promise.all([startInstance(instanceArgs()), startInstance(instanceArgs())]);
}, 30_000);
afterAll(async () => {
  await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
  await redis?.stop();
});

const post = (base: string, body: object, headers: Record<string, string> = {}, signal?: AbortSignal) =>
  fetch(chatUrl(base, 'demo', 'stream'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Accept-Encoding': 'identity', ...headers },
    body: JSON.stringify(body),
    signal,
  });

/** Reads `count` events, then hangs up, as a client whose connection dropped. */
async function readThenCut(response: Response, count: number): Promise<TimedEvent[]> {
  const events: TimedEvent[] = [];
  const controller = new AbortController();
  const reading = readEvents(response, events).catch(() => events);
  await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(count), { timeout: 10_000, interval: 20 });
  await response.body!.cancel().catch(() => {});
  controller.abort();
  await reading;
  return events.slice(0, count);
}

const lastId = (events: TimedEvent[]) => events.at(-1)!.id!;
const ids = (events: TimedEvent[]) => events.map(({ id }) => Number(id));
const types = (events: TimedEvent[]) => events.map(({ event }) => event.type);
const counting = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1} `).join('').trimEnd();

describe('the endpoint as a cluster on Redis', () => {
  it('a reply started on A, cut, resumes on B with Last-Event-ID: exact, no duplicate, no gap', async () => {
    const body = { message: 'count to 30', requestId: 'c-resume' };
    const cut = await readThenCut(await post(a.url, body), 5);
    const rest = await readEvents(await post(b.url, body, { 'Last-Event-ID': lastId(cut) }));
    expect([...ids(cut), ...ids(rest)]).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(contentText(cut) + contentText(rest)).toBe(counting(30));
    expect(rest.at(-1)!.event.type).toBe('done');
  });

  it('the same through HAProxy with round-robin: exact across reconnects that alternate instances', async () => {
    const proxy = await startHaproxy({ backends: [a.port, b.port] });
    onTestFinished(() => proxy.stop());
    const body = { message: 'count to 30', requestId: 'c-proxy' };
    const events = await readThenCut(await post(proxy.url, body), 3);
    events.push(...(await readThenCut(await post(proxy.url, body, { 'Last-Event-ID': lastId(events) }), 5)));
    events.push(...(await readEvents(await post(proxy.url, body, { 'Last-Event-ID': lastId(events) }))));
    expect(ids(events)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(contentText(events)).toBe(counting(30));
  }, 20_000);

  it('the same requestId POSTed to A and B at once runs one generation', async () => {
    const body = { message: 'count to 10', requestId: 'c-once' };
    const [onA, onB] = await Promise.all([post(a.url, body), post(b.url, body)]);
    const [fromA, fromB] = await Promise.all([readEvents(onA), readEvents(onB)]);
    const strip = (events: TimedEvent[]) => events.map(({ event, id }) => ({ event, id }));
    expect(strip(fromA)).toEqual(strip(fromB));
    // Two generations would have made two sessions.
    const sessions = new Set([...fromA, ...fromB].map(({ event }) => (event as ParsedEvent & { sessionId?: string }).sessionId).filter(Boolean));
    expect(sessions.size).toBe(1);
  });

  it('a cancel on B stops the reply running on A within a second', async () => {
    const body = { message: 'count to 200', requestId: 'c-cancel' };
    const events: TimedEvent[] = [];
    const reading = readEvents(await post(a.url, body), events);
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(2), { timeout: 10_000 });
    const cancelledAt = Date.now();
    const cancel = await fetch(`${chatUrl(b.url, 'demo', 'stream')}/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ requestId: 'c-cancel' }) });
    expect(cancel.status).toBe(204);
    await reading.catch(() => {});
    expect(Date.now() - cancelledAt).toBeLessThan(1000);
    expect(types(events)).not.toContain('done');
    expect((await post(b.url, body, { 'Last-Event-ID': '1' })).status).toBe(410);
  });
});

describe('the cluster when an instance or Redis goes away', () => {
  it('the owner killed (SIGKILL) mid-reply: a resume on B gets what was written, then the restart error', async () => {
    const doomed = await startInstance(instanceArgs());
    const body = { message: 'count to 200', requestId: 'c-kill' };
    const events: TimedEvent[] = [];
    const reading = readEvents(await post(doomed.url, body), events).catch(() => {});
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    await doomed.stop('SIGKILL');
    await reading;
    const rest = await readEvents(await post(b.url, body, { 'Last-Event-ID': lastId(events) }));
    expect(rest.at(-1)!.event).toMatchObject({ type: 'error', code: 'server_restarted' });
    expect(ids(rest)[0]).toBe(Number(lastId(events)) + 1);
    expect((contentText(events) + contentText(rest)).trimEnd()).toBe(counting(Number(lastId(rest)) - 1));
  }, 20_000);

  it('the owner stopped (SIGTERM): its reader is cut, resumes on B, and the reply completes exactly', async () => {
    const leaving = await startInstance(instanceArgs());
    const body = { message: 'count to 40', requestId: 'c-term' };
    const events: TimedEvent[] = [];
    const reading = readEvents(await post(leaving.url, body), events).catch(() => {});
    await vi.waitFor(() => expect(events.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    const exited = leaving.stop('SIGTERM');
    await reading;
    expect(types(events)).not.toContain('done');
    const rest = await readEvents(await post(b.url, body, { 'Last-Event-ID': lastId(events) }));
    expect([...ids(events), ...ids(rest)]).toEqual(Array.from({ length: 41 }, (_, i) => i + 1));
    expect(contentText(events) + contentText(rest)).toBe(counting(40));
    await exited;
    expect(leaving.child.exitCode).toBe(0);
  }, 20_000);

  it('Redis stopped under load: running replies end with a clear error, new ones get 503 + Retry-After; then recovery', async () => {
    const running = Array.from({ length: 6 }, (_, i) => {
      const events: TimedEvent[] = [];
      const done = post(i % 2 ? a.url : b.url, { message: 'count to 200', requestId: `c-outage-${i}` }).then((response) => readEvents(response, events));
      return { events, done };
    });
    await vi.waitFor(() => expect(running.every(({ events }) => events.length >= 2)).toBe(true), { timeout: 10_000 });
    await redis.stop();
    for (const { events, done } of running) {
      await done.catch(() => {});
      expect(events.at(-1)!.event).toMatchObject({ type: 'error', code: 'storage_unavailable' });
    }
    const refused = await post(a.url, { message: 'hi', requestId: 'c-outage-new' });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await refused.json()).error.code).toBe('unavailable');

    await redis.restart();
    await vi.waitFor(async () => expect((await post(a.url, { message: 'count to 2', requestId: `c-back-${Date.now()}` })).status).toBe(200), { timeout: 10_000, interval: 200 });
    const after = await readEvents(await post(b.url, { message: 'count to 3', requestId: 'c-after' }));
    expect(contentText(after)).toBe('1 2 3');
    expect(a.child.exitCode).toBeNull();
    expect(b.child.exitCode).toBeNull();
  }, 30_000);
});
