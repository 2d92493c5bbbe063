/**
 * The behaviour every storage implementation (memory, Redis) owes the server, as one suite that
 * each implementation's test file runs with its own factory.
 */
import { expect, it, vi } from 'vitest';
import type { ReplayLimits } from '../../../server/reply-store';
import type { ReplyEvents, ReplySource, ReplyStorage, SessionStorage } from '../../../server/storage';
import type { StreamEvent } from '../../../utils/contract/sidechat-wire';

export interface StorageFactory {
  replies(limits?: Partial<ReplayLimits>): Promise<ReplyStorage>;
  sessions(): Promise<SessionStorage>;
}

/** Reads a reply to its end as a connection would; the frames' text. */
export async function readAll(source: ReplySource, afterId = 0): Promise<string[]> {
  const leave = source.attach();
  const frames: string[] = [];
  let cursor = afterId;
  try {
    for (;;) {
      const batch = await source.framesAfter(cursor, 64 * 1024);
      if (batch === undefined) throw new Error(`cannot read after ${cursor}`);
      if (batch.length > 0) {
        frames.push(...batch);
        cursor += batch.length;
        source.markTaken(cursor);
        continue;
      }
      if (source.ended) return frames;
      await source.changed(cursor);
    }
  } finally {
    leave();
  }
}

/** Content events then done; `gate` holds the reply after its first word until it settles. */
export function words(list: string[], gate?: Promise<unknown>): { events: ReplyEvents; calls: AbortSignal[] } {
  const calls: AbortSignal[] = [];
  const events: ReplyEvents = async function* (signal) {
    calls.push(signal);
    for (const [index, data] of list.entries()) {
      if (index === 1 && gate) await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
      if (signal.aborted) return;
      yield { type: 'content', data } satisfies StreamEvent;
    }
    yield { type: 'done' };
  };
  return { events, calls };
}

export const dataOf = (frames: string[]) => frames.map((frame) => JSON.parse(frame.split('data: ')[1]) as StreamEvent);
const idsOf = (frames: string[]) => frames.map((frame) => Number(/^id: (\d+)/.exec(frame)?.[1]));

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

export function replyStorageContract(factory: StorageFactory): void {
  it('runs a reply and reads it back with ids from 1, from the start or after any id', async () => {
    const store = await factory.replies();
    const source = await store.open('r-read', words(['a ', 'b ', 'c ']).events);
    const frames = await readAll(source);
    expect(idsOf(frames)).toEqual([1, 2, 3, 4]);
    expect(dataOf(frames).map((event) => event.type)).toEqual(['content', 'content', 'content', 'done']);
    const again = (await store.find('r-read'))!;
    expect(await again.canResumeAfter(2)).toBe(true);
    expect(await again.canResumeAfter(5)).toBe(false);
    expect(await again.canResumeAfter(-1)).toBe(false);
    expect(await readAll(again, 2)).toEqual(frames.slice(2));
    expect(again.finalId).toBe(4);
    expect(await store.find('r-unknown')).toBeUndefined();
  });

  it('opens one generation per requestId, however many ask at once', async () => {
    const store = await factory.replies();
    const held = gate();
    const reply = words(['x ', 'y '], held.opened);
    const sources = await Promise.all([1, 2, 3].map(() => store.open('r-once', reply.events)));
    held.open();
    const read = await Promise.all(sources.map((source) => readAll(source)));
    expect(reply.calls).toHaveLength(1);
    for (const frames of read) expect(frames).toEqual(read[0]);
    expect(dataOf(read[0]).at(-1)).toEqual({ type: 'done' });
  });

  it('forget aborts a running reply, ends its readers without a last event, and a resume finds nothing', async () => {
    const store = await factory.replies();
    const reply = words(['one ', 'two '], new Promise(() => {}));
    const source = await store.open('r-forget', reply.events);
    const reading = readAll(source);
    await vi.waitFor(async () => expect(await source.canResumeAfter(1)).toBe(true));
    await store.forget('r-forget');
    await vi.waitFor(() => expect(reply.calls[0].aborted).toBe(true));
    expect(dataOf(await reading).map((event) => event.type)).toEqual(['content']);
    expect(source.finalId).toBeUndefined();
    expect(await store.find('r-forget')).toBeUndefined();
  });

  it('forgets a finished reply after expireMs', async () => {
    const store = await factory.replies({ expireMs: 300 });
    await readAll(await store.open('r-expire', words(['a ']).events));
    expect(await store.find('r-expire')).toBeDefined();
    await vi.waitFor(async () => expect(await store.find('r-expire')).toBeUndefined(), { timeout: 3000, interval: 100 });
  });

  it('keeps a reply within its byte bound: its oldest frames go and a resume before them is refused', async () => {
    const store = await factory.replies({ maxReplyBytes: 400 });
    const list = Array.from({ length: 40 }, (_, index) => `word${index} `);
    await readAll(await store.open('r-long', words(list).events));
    const source = (await store.find('r-long'))!;
    expect(await source.canResumeAfter(2)).toBe(false);
    const tail = await readAll(source, 38);
    expect(dataOf(tail)).toEqual([{ type: 'content', data: 'word38 ' }, { type: 'content', data: 'word39 ' }, { type: 'done' }]);
  });

  it('evicts the oldest finished reply first when all replies outgrow the total bound', async () => {
    const probe = await factory.replies();
    const oneReply = (await readAll(await probe.open('size', words(['1 ', '2 ', '3 ']).events))).join('').length;
    const store = await factory.replies({ maxTotalBytes: oneReply * 2 + 10 });
    for (const requestId of ['t-a', 't-b', 't-c']) await readAll(await store.open(requestId, words(['1 ', '2 ', '3 ']).events));
    expect(await store.find('t-a')).toBeUndefined();
    expect(await store.find('t-b')).toBeDefined();
    expect(await store.find('t-c')).toBeDefined();
  });

  it('aborts a reply nobody reads for detachMs and forgets it', async () => {
    const store = await factory.replies({ detachMs: 100 });
    const reply = words(['one ', 'two '], new Promise(() => {}));
    const source = await store.open('r-detach', reply.events);
    source.attach()();
    await vi.waitFor(() => expect(reply.calls[0].aborted).toBe(true), { timeout: 3000 });
    await vi.waitFor(async () => expect(await store.find('r-detach')).toBeUndefined());
  });

  it('whenIdle settles once the replies running here end', async () => {
    const store = await factory.replies();
    const held = gate();
    await store.open('r-idle', words(['a ', 'b '], held.opened).events);
    let idle = false;
    void store.whenIdle().then(() => (idle = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(idle).toBe(false);
    held.open();
    await vi.waitFor(() => expect(idle).toBe(true));
  });
}

export function sessionStorageContract(factory: StorageFactory): void {
  it('gives a new session with its own id for a missing or unknown id', async () => {
    const sessions = await factory.sessions();
    const fresh = await sessions.resolve(undefined);
    const unknown = await sessions.resolve('made-up');
    expect(fresh.id).not.toBe(unknown.id);
    expect(unknown.id).not.toBe('made-up');
    expect(fresh).toMatchObject({ turns: [], turnCount: 0 });
  });

  it('keeps a saved session\'s turns, capped to the newest, counted all', async () => {
    const sessions = await factory.sessions();
    const session = await sessions.resolve(undefined);
    for (let i = 1; i <= 52; i++) sessions.addTurn(session, { message: `m${i}`, reply: `r${i}` });
    session.pending = { message: 'm53', reply: 'so far', calls: [{ id: 'c1', name: 'f', arguments: {} }] };
    await sessions.save(session);
    const again = await sessions.resolve(session.id);
    expect(again.turns).toHaveLength(50);
    expect(again.turns[0]).toEqual({ message: 'm3', reply: 'r3' });
    expect(again.turnCount).toBe(52);
    expect(again.pending).toEqual(session.pending);
  });
}
