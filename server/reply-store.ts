/**
 * The replies a client may resume, by requestId: kept while they run and for a while after they
 * finish, within a bound on the bytes buffered across all of them.
 */
import { ReplyJob } from './reply-job';
import type { ReplyEvents, ReplyStorage } from './storage';

export interface ReplayLimits {
  /** How long a finished reply can still be replayed. Default 5 minutes. */
  expireMs: number;
  /** How long a reply runs on with no connection reading it before it is aborted. Default 60 s. */
  detachMs: number;
  /** Bytes of SSE frames one reply keeps; past it the oldest frames go. Default 128 MiB. */
  maxReplyBytes: number;
  /** Bytes kept across all replies; past it the oldest finished replies go first. Default 256 MiB. */
  maxTotalBytes: number;
}

export const DEFAULT_REPLAY_LIMITS: ReplayLimits = {
  expireMs: 5 * 60_000,
  detachMs: 60_000,
  maxReplyBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
};

/** The replies in this process's memory: the default, for one instance. */
export class ReplyStore implements ReplyStorage {
  readonly #limits: ReplayLimits;
  /** In the order the replies started. */
  readonly #jobs = new Map<string, ReplyJob>();
  /** The finished replies, in the order they finished, each with the timer that forgets it. */
  readonly #expiry = new Map<string, NodeJS.Timeout>();
  #totalBytes = 0;

  constructor(limits: Partial<ReplayLimits> = {}) {
    this.#limits = { ...DEFAULT_REPLAY_LIMITS, ...limits };
  }

  get(requestId: string): ReplyJob | undefined {
    return this.#jobs.get(requestId);
  }

  async find(requestId: string): Promise<ReplyJob | undefined> {
    return this.get(requestId);
  }

  async open(requestId: string, events: ReplyEvents): Promise<ReplyJob> {
    return this.get(requestId) ?? this.start(requestId, events);
  }

  async whenIdle(): Promise<void> {
    await Promise.all([...this.#jobs.values()].map((job) => job.settled));
  }

  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** Starts the reply named `requestId`; see ReplyJob for `start`. */
  start(requestId: string, start: ReplyEvents): ReplyJob {
    const job = new ReplyJob(start, {
      ids: true,
      replayable: true,
      detachMs: this.#limits.detachMs,
      onAppend: (grown, bytes) => this.#grew(grown, bytes),
    });
    this.#jobs.set(requestId, job);
    void job.settled.then((outcome) => {
      if (this.#jobs.get(requestId) !== job) return;
      if (outcome === 'aborted') this.drop(requestId);
      else this.#expiry.set(requestId, setTimeout(() => this.drop(requestId), this.#limits.expireMs).unref());
    });
    return job;
  }

  /** Drops a reply, aborting it if it still runs; resuming it is then a 410. */
  async forget(requestId: string): Promise<void> {
    this.drop(requestId);
  }

  drop(requestId: string): void {
    const job = this.#jobs.get(requestId);
    if (!job) return;
    this.#jobs.delete(requestId);
    clearTimeout(this.#expiry.get(requestId));
    this.#expiry.delete(requestId);
    this.#totalBytes -= job.bytes;
    job.abort();
  }

  async close(): Promise<void> {
    for (const requestId of [...this.#jobs.keys()]) this.drop(requestId);
  }

  #grew(job: ReplyJob, bytes: number): void {
    this.#totalBytes += bytes;
    if (job.bytes > this.#limits.maxReplyBytes) this.#totalBytes -= job.trimFront(this.#limits.maxReplyBytes);
    if (this.#totalBytes <= this.#limits.maxTotalBytes) return;
    for (const requestId of this.#expiry.keys()) {
      if (this.#totalBytes <= this.#limits.maxTotalBytes) return;
      this.drop(requestId);
    }
    // Only running replies are left: their oldest frames go, so a client far behind gets a 410.
    for (const running of this.#jobs.values()) {
      if (this.#totalBytes <= this.#limits.maxTotalBytes) return;
      this.#totalBytes -= running.trimFront(Math.max(0, running.bytes - (this.#totalBytes - this.#limits.maxTotalBytes)));
    }
  }
}
