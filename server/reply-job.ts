/**
 * One streamed reply, running apart from the connections that read it: its events become SSE
 * frames in a buffer, and each connection reads that buffer from its own position. So a client
 * that loses its connection can come back and read on from where it stopped.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { StreamEvent } from '../utils/contract/sidechat-wire';
import { eventFrame } from './sse';

export interface ReplyJobOptions {
  /** Give each frame an `id:` (counting from 1); without, nobody can resume. */
  ids: boolean;
  /** Keep frames after a reader took them, so a later reader can replay them. */
  replayable: boolean;
  /** How long the reply runs on with nobody reading before it is aborted; 0 aborts at once. */
  detachMs: number;
  /** Told of each frame's size in bytes, for a store that bounds its buffers. */
  onAppend?: (job: ReplyJob, bytes: number) => void;
}

export type JobOutcome = 'finished' | 'aborted';

export class ReplyJob {
  readonly settled: Promise<JobOutcome>;
  #ended = false;
  readonly #options: ReplyJobOptions;
  readonly #controller = new AbortController();
  // Frames before #head are dropped; the arrays are compacted now and then, not on every trim.
  #frames: string[] = [];
  #sizes: number[] = [];
  #head = 0;
  /** Id of the frame at #head. */
  #firstId = 1;
  #bytes = 0;
  /** Id of the done or error frame, which ends the reply. */
  #finalId: number | undefined;
  #readers = 0;
  /** The furthest any reader got: a fast responder waits for it rather than run ahead. */
  #taken = 0;
  #wakers: (() => void)[] = [];
  #detachTimer: NodeJS.Timeout | undefined;

  /**
   * `start` is called at once, so a request it rejects (a 400) fails before any reply starts.
   * Its events end with done or error, or stop early once the signal aborts.
   */
  constructor(start: (signal: AbortSignal) => AsyncIterable<StreamEvent>, options: ReplyJobOptions) {
    this.#options = options;
    this.settled = this.#run(start(this.#controller.signal));
  }

  get bytes(): number {
    return this.#bytes;
  }

  get lastId(): number {
    return this.#firstId + this.#frames.length - this.#head - 1;
  }

  get finalId(): number | undefined {
    return this.#finalId;
  }

  /** The reply finished or was aborted. */
  get ended(): boolean {
    return this.#ended;
  }

  /** Whether a reader can go on after event `id` (0: from the start). */
  canResumeAfter(id: number): boolean {
    return id >= this.#firstId - 1 && id <= this.lastId;
  }

  /** Frames after event `id`, up to about `maxBytes`; undefined when they were trimmed away. */
  framesAfter(id: number, maxBytes: number): string[] | undefined {
    if (!this.canResumeAfter(id)) return undefined;
    const start = this.#head + id - this.#firstId + 1;
    let end = start;
    for (let size = 0; end < this.#frames.length && (end === start || size + this.#sizes[end] <= maxBytes); end++) size += this.#sizes[end];
    return this.#frames.slice(start, end);
  }

  /** A reader arrives; the returned function is its leaving. */
  attach(): () => void {
    this.#readers++;
    clearTimeout(this.#detachTimer);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.#readers--;
      this.notify();
      if (this.#readers > 0 || this.ended) return;
      if (this.#options.detachMs === 0) this.abort();
      else this.#detachTimer = setTimeout(() => this.abort(), this.#options.detachMs).unref();
    };
  }

  /** A reader has sent everything up to event `id`. */
  markTaken(id: number): void {
    if (id <= this.#taken) return;
    this.#taken = id;
    if (!this.#options.replayable) this.#dropFirst(id - this.#firstId + 1);
    this.notify();
  }

  /** Settles on the next change: a frame, a reader's progress, arrival or leaving, the end, or notify(). */
  changed(): Promise<void> {
    return new Promise((resolve) => this.#wakers.push(resolve));
  }

  /** Wakes whoever waits on changed(): a reader whose connection closed has to stop waiting. */
  notify(): void {
    const wakers = this.#wakers;
    this.#wakers = [];
    for (const wake of wakers) wake();
  }

  /** Drops the oldest frames until at most `keepBytes` remain; returns the bytes freed. */
  trimFront(keepBytes: number): number {
    const before = this.#bytes;
    let count = 0;
    for (let bytes = before; bytes > keepBytes && this.#head + count < this.#frames.length; count++) bytes -= this.#sizes[this.#head + count];
    this.#dropFirst(count);
    return before - this.#bytes;
  }

  abort(): void {
    clearTimeout(this.#detachTimer);
    this.#controller.abort();
    this.notify();
  }

  async #run(events: AsyncIterable<StreamEvent>): Promise<JobOutcome> {
    for await (const event of events) {
      this.#append(event);
      await this.#readersCaughtUp();
    }
    this.#ended = true;
    clearTimeout(this.#detachTimer);
    this.notify();
    return this.#controller.signal.aborted ? 'aborted' : 'finished';
  }

  #append(event: StreamEvent): void {
    const id = this.lastId + 1;
    const frame = eventFrame(event, this.#options.ids ? id : undefined);
    const size = Buffer.byteLength(frame);
    this.#frames.push(frame);
    this.#sizes.push(size);
    this.#bytes += size;
    if (event.type === 'done' || event.type === 'error') this.#finalId = id;
    this.#options.onAppend?.(this, size);
    this.notify();
  }

  /**
   * Paces the responder by the fastest reader's socket, as a direct stream would be. With no
   * reader the reply runs on into the buffer, yielding to the event loop between events.
   */
  async #readersCaughtUp(): Promise<void> {
    while (this.#readers > 0 && this.#taken < this.lastId && !this.#controller.signal.aborted) await this.changed();
    if (this.#readers === 0) await nextTurn();
  }

  #dropFirst(count: number): void {
    for (let index = this.#head; index < this.#head + count; index++) {
      this.#bytes -= this.#sizes[index];
      this.#frames[index] = '';
    }
    this.#head += count;
    this.#firstId += count;
    if (this.#head > 1024 && this.#head * 2 > this.#frames.length) {
      this.#frames = this.#frames.slice(this.#head);
      this.#sizes = this.#sizes.slice(this.#head);
      this.#head = 0;
    }
  }
}
