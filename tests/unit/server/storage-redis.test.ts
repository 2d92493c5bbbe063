/**
 * The storage contract against a real redis-server (started here on a free port), then what only
 * shared storage does: a reply read from another instance, cancelled from it, and a dead owner.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startRedis, type RedisServer } from '../../../server/cluster/local-servers';
import { connectRedis } from '../../../server/redis/connection';
import { RedisReplyStore, type RedisReplyOptions } from '../../../server/redis/reply-store';
import { connectRedisState } from '../../../server/redis/shared-state';
import type { ReplyStorage } from '../../../server/storage';
import { dataOf, readAll, replyStorageContract, sessionStorageContract, words, type StorageFactory } from './storage-contract';

let redis: RedisServer;
const opened: ReplyStorage[] = [];
let prefixes = 0;

beforeAll(async () => {
  redis = await startRedis();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});
afterAll(async () => {
  await redis?.stop();
});

/** A store as one instance sees it; instances made with the same `prefix` share replies. */
async function instance(options: Partial<RedisReplyOptions> = {}) {
  const state = await connectRedisState(redis.url, { replies: { prefix: `t${++prefixes}:`, ...options } });
  opened.push(state.replies);
  return state;
}

/** An instance whose connections the test holds, to kill them as a crash would. */
function crashableInstance(options: Partial<RedisReplyOptions>) {
  const connections = { commands: connectRedis(redis.url, 'a'), tail: connectRedis(redis.url, 'a-tail'), subscriber: connectRedis(redis.url, 'a-sub') };
  const store = new RedisReplyStore(connections, options);
  const crash = () => {
    for (const connection of Object.values(connections)) connection.disconnect();
    // Stops its timer; with its connections gone it can no longer tell Redis anything.
    void store.close();
  };
  return { store, crash };
}

const factory: StorageFactory = {
  replies: async (limits) => (await instance(limits)).replies,
  sessions: async () => (await instance()).sessions,
};

describe('storage contract: Redis', () => {
  replyStorageContract(factory);
  sessionStorageContract(factory);
});

describe('Redis storage across instances', () => {
  it('a reply running on A is read on B live, exactly: replay from any id, then the tail', async () => {
    const prefix = `x${++prefixes}:`;
    const a = (await instance({ prefix })).replies;
    const b = (await instance({ prefix })).replies;
    let release!: () => void;
    const reply = words(['one ', 'two ', 'three '], new Promise<void>((resolve) => (release = resolve)));
    const onA = await a.open('r-cross', reply.events);
    const fromA = readAll(onA);
    await vi.waitFor(async () => expect(await (await b.find('r-cross'))?.canResumeAfter(1)).toBe(true));
    const onB = (await b.find('r-cross'))!;
    const fromB = readAll(onB, 1);
    const fromStart = readAll((await b.find('r-cross'))!);
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    const whole = await fromA;
    expect(await fromB).toEqual(whole.slice(1));
    expect(await fromStart).toEqual(whole);
    expect(reply.calls).toHaveLength(1);
    // The same requestId opened on B joins A's reply rather than asking again.
    expect(await readAll(await b.open('r-cross', reply.events))).toEqual(whole);
    expect(reply.calls).toHaveLength(1);
  });

  it('a cancel on B stops the generation on A within a second and ends every reader', async () => {
    const prefix = `x${++prefixes}:`;
    const a = (await instance({ prefix })).replies;
    const b = (await instance({ prefix })).replies;
    const reply = words(['one ', 'two '], new Promise(() => {}));
    const readingA = readAll(await a.open('r-stop', reply.events));
    await vi.waitFor(async () => expect(await (await b.find('r-stop'))?.canResumeAfter(1)).toBe(true));
    const readingB = readAll((await b.find('r-stop'))!);
    const stoppedAt = Date.now();
    await b.forget('r-stop');
    await vi.waitFor(() => expect(reply.calls[0].aborted).toBe(true), { timeout: 1000, interval: 10 });
    expect(Date.now() - stoppedAt).toBeLessThan(1000);
    expect(dataOf(await readingA)).toEqual([{ type: 'content', data: 'one ' }]);
    expect(dataOf(await readingB)).toEqual([{ type: 'content', data: 'one ' }]);
    expect(await a.find('r-stop')).toBeUndefined();
  });

  it('a reply read only on B is not aborted as detached on A', async () => {
    const prefix = `x${++prefixes}:`;
    const a = (await instance({ prefix, detachMs: 200, heartbeatMs: 50 })).replies;
    const b = (await instance({ prefix, heartbeatMs: 50 })).replies;
    let release!: () => void;
    const reply = words(['one ', 'two '], new Promise<void>((resolve) => (release = resolve)));
    (await a.open('r-followed', reply.events)).attach()();
    await vi.waitFor(async () => expect(await (await b.find('r-followed'))?.canResumeAfter(1)).toBe(true));
    const reading = readAll((await b.find('r-followed'))!);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(reply.calls[0].aborted).toBe(false);
    release();
    expect(dataOf(await reading).map((event) => event.type)).toEqual(['content', 'content', 'done']);
  });

  it('when the owner dies its lease lapses: a reader elsewhere gets what was written, then the restart error', async () => {
    const prefix = `x${++prefixes}:`;
    const a = crashableInstance({ prefix, leaseMs: 300, heartbeatMs: 100 });
    const b = (await instance({ prefix, heartbeatMs: 100 })).replies;
    await vi.waitFor(async () => expect(await a.store.open('r-dead', words(['one ', 'two '], new Promise(() => {})).events)).toBeDefined());
    await vi.waitFor(async () => expect(await (await b.find('r-dead'))?.canResumeAfter(1)).toBe(true));
    const reading = readAll((await b.find('r-dead'))!);
    a.crash();
    const events = dataOf(await reading);
    expect(events[0]).toEqual({ type: 'content', data: 'one ' });
    expect(events.at(-1)).toMatchObject({ type: 'error', code: 'server_restarted' });
    expect(events).toHaveLength(2);
    // And a resume that comes later gets the same end.
    expect(dataOf(await readAll((await b.find('r-dead'))!, 1))).toEqual(events.slice(1));
  });

  it('a dead owner\'s keys expire on their own', async () => {
    const prefix = `x${++prefixes}:`;
    const a = crashableInstance({ prefix, leaseMs: 200, heartbeatMs: 50, expireMs: 500 });
    await vi.waitFor(async () => expect(await a.store.open('r-orphan', words(['one ', 'two '], new Promise(() => {})).events)).toBeDefined());
    const probe = connectRedis(redis.url, 'probe');
    onTestFinished(() => probe.disconnect());
    await vi.waitFor(async () => expect(await probe.exists(`${prefix}reply:r-orphan:events`)).toBe(1));
    a.crash();
    await vi.waitFor(async () => expect(await probe.keys(`${prefix}reply:r-orphan*`)).toEqual([]), { timeout: 3000, interval: 100 });
  });
});
