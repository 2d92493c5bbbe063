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
  /**
   * Writes a frame to shared storage before any reader here sees it, so a reader resuming on
   * another instance never gets less than one here got. A rejection ends the reply (see #append).
   */
  persist?: (id: number, frame: string, final: boolean) => Promise<void>;
  /** Asked before a detached reply is aborted: readers on other instances keep it running. */
  readElsewhere?: () => Promise<boolean>;
}

/** The local end of a reply whose frames could not be written to shared storage. */
const STORAGE_LOST: StreamEvent = {
  type: 'error',
  code: 'storage_unavailable',
  message: 'The server lost its shared storage (Redis) mid-reply; send the message again',
};

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
      else this.#armDetach();
    };
  }

  #armDetach(): void {
    this.#detachTimer = setTimeout(() => void this.#detachExpired(), this.#options.detachMs).unref();
  }

  async #detachExpired(): Promise<void> {
    const elsewhere = await this.#options.readElsewhere?.().catch(() => false);
    if (this.#readers > 0 || this.ended) return;
    if (elsewhere) this.#armDetach();
    else this.abort();
  }

  /** A reader has sent everything up to event `id`. */
  markTaken(id: number): void {
    if (id <= this.#taken) return;
    this.#taken = id;
    if (!this.#options.replayable) this.#dropFirst(id - this.#firstId + 1);
    this.notify();
  }

  /**
   * Settles on the next change: a frame, a reader's progress, arrival or leaving, the end, or
   * notify(); at once when there is already a frame after `afterId` or the reply ended.
   */
  changed(afterId?: number): Promise<void> {
    if (afterId !== undefined && (this.lastId > afterId || this.ended)) return Promise.resolve();
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
      if (!(await this.#append(event))) break;
      await this.#readersCaughtUp();
    }
    this.#ended = true;
    clearTimeout(this.#detachTimer);
    this.notify();
    return this.#controller.signal.aborted ? 'aborted' : 'finished';
  }

  /** False when the reply has to end here: it was aborted, or its storage failed. */
  async #append(event: StreamEvent): Promise<boolean> {
    if (this.#controller.signal.aborted) return false;
    const id = this.lastId + 1;
    const frame = eventFrame(event, this.#options.ids ? id : undefined);
    const final = event.type === 'done' || event.type === 'error';
    if (this.#options.persist) {
      try {
        await this.#options.persist(id, frame, final);
      } catch {
        // Cancelled meanwhile (the storage refuses a forgotten reply): end quietly, as a cancel does.
        if (this.#controller.signal.aborted) return false;
        this.#controller.abort();
        this.#keep(eventFrame(STORAGE_LOST, id), id, true);
        return false;
      }
    }
    this.#keep(frame, id, final);
    return !final;
  }

  #keep(frame: string, id: number, final: boolean): void {
    const size = Buffer.byteLength(frame);
    this.#frames.push(frame);
    this.#sizes.push(size);
    this.#bytes += size;
    if (final) this.#finalId = id;
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
