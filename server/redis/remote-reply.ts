/**
 * A reply read from its Redis stream, on an instance that does not run it (or no longer does):
 * replays what came after a reader's position with XRANGE (exclusive), then waits on the
 * instance's tail reader for what comes next. Each connection has its own.
 */
import type { Redis } from 'ioredis';
import type { StreamEvent } from '../../utils/contract/sidechat-wire';
import { eventFrame } from '../sse';
import type { ReplySource } from '../storage';
import type { TailReader } from './tail-reader';

/** What `find` learnt of the reply. */
export interface ReplyMeta {
  firstId: number;
  lastId: number;
  finalId?: number;
}

/** What a remote reply needs of its store. */
export interface RemoteReplyContext {
  redis: Redis;
  tail: TailReader;
  eventsKey: string;
  /** Counts a reader of the reply on this instance (heartbeats); returns the leaving. */
  follow: (reply: RemoteReply) => () => void;
}

const STORAGE_LOST: StreamEvent = {
  type: 'error',
  code: 'storage_unavailable',
  message: 'The server lost its shared storage (Redis) while sending this reply; send the message again',
};

/** Entries per XRANGE; a batch is cut to the reader's byte budget anyway. */
const RANGE_COUNT = 256;

export class RemoteReply implements ReplySource {
  readonly #context: RemoteReplyContext;
  readonly #meta: ReplyMeta;
  #finalId: number | undefined;
  /** Forgotten (cancelled, expired, evicted) while being read. */
  #gone = false;
  /** The error frame that ends the reply here when Redis failed mid-read, with its id. */
  #lost: { id: number; frame: string } | undefined;
  #wakers: (() => void)[] = [];

  constructor(context: RemoteReplyContext, meta: ReplyMeta) {
    this.#context = context;
    this.#meta = meta;
    this.#finalId = meta.finalId;
  }

  get ended(): boolean {
    return this.#gone || this.#finalId !== undefined;
  }

  get finalId(): number | undefined {
    return this.#finalId;
  }

  canResumeAfter(id: number): boolean {
    return Number.isInteger(id) && id >= this.#meta.firstId - 1 && id <= this.#meta.lastId;
  }

  async framesAfter(id: number, maxBytes: number): Promise<string[] | undefined> {
    if (this.#lost) return id < this.#lost.id ? [this.#lost.frame] : [];
    let entries: [string, string[]][];
    try {
      entries = await this.#context.redis.xrange(this.#context.eventsKey, `(0-${id}`, '+', 'COUNT', RANGE_COUNT);
    } catch {
      this.#lost = { id: id + 1, frame: eventFrame(STORAGE_LOST, id + 1) };
      this.#finalId = id + 1;
      return [this.#lost.frame];
    }
    // The oldest frames were trimmed (a byte bound) past this reader: it can only be told by a cut (410).
    if (entries.length > 0 && entryId(entries[0]) !== id + 1) return undefined;
    const frames: string[] = [];
    for (let size = 0, index = 0; index < entries.length; index++) {
      const [, fields] = entries[index];
      size += Buffer.byteLength(fields[1]);
      if (frames.length > 0 && size > maxBytes) break;
      frames.push(fields[1]);
      if (fields[2] === 'e') this.#finalId = entryId(entries[index]);
    }
    return frames;
  }

  attach(): () => void {
    return this.#context.follow(this);
  }

  markTaken(): void {}

  changed(afterId: number): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((resolve) => {
      // The tail reader reads from afterId, so an entry added since the last read wakes at once.
      const cancel = this.#context.tail.wait(this.#context.eventsKey, afterId, () => this.notify());
      this.#wakers.push(() => {
        cancel();
        resolve();
      });
    });
  }

  notify(): void {
    const wakers = this.#wakers;
    this.#wakers = [];
    for (const wake of wakers) wake();
  }

  /** The reply was forgotten: readers end without a last event, as after a cancel. */
  forgotten(): void {
    this.#gone = true;
    this.notify();
  }
}

function entryId([id]: [string, string[]]): number {
  return Number(id.split('-')[1]);
}
