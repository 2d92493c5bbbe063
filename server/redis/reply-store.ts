/**
 * Replies in Redis, shared by every instance behind a load balancer. The instance that claims a
 * requestId runs the reply (one generation per requestId across the fleet, by an atomic claim
 * with a lease it renews), writing each frame to the reply's stream before its own readers see
 * it; any instance reads it back from the stream. Stops reach the owner over pub/sub; a reply
 * whose owner died (lease lapsed) is ended with an error by whoever reads it next.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { StreamEvent } from '../../utils/contract/sidechat-wire';
import { ReplyJob } from '../reply-job';
import { DEFAULT_REPLAY_LIMITS, type ReplayLimits } from '../reply-store';
import { eventFrame } from '../sse';
import type { ReplyEvents, ReplySource, ReplyStorage } from '../storage';
import { guarded } from './connection';
import { RemoteReply, type ReplyMeta } from './remote-reply';
import { replyScripts, type ReplyScripts } from './scripts';
import { TailReader } from './tail-reader';

export interface RedisReplyOptions extends ReplayLimits {
  /** Key prefix; instances that share replies share it. Default `sidechat:`. */
  prefix: string;
  /** How long a claim outlives its owner's last renewal: how soon a dead owner is noticed. Default 5000. */
  leaseMs: number;
  /** How often leases are renewed, readers' heartbeats sent and dead owners looked for. Default 1000. */
  heartbeatMs: number;
}

export interface RedisConnections {
  /** Commands and scripts. */
  commands: Redis;
  /** The tail reader's blocking XREAD. */
  tail: Redis;
  /** Subscribed to the cancel channel. */
  subscriber: Redis;
}

const OWNER_LOST: StreamEvent = {
  type: 'error',
  code: 'server_restarted',
  message: 'The server restarted mid-reply; what it had written is kept. Send the message again to retry.',
};

export class RedisReplyStore implements ReplyStorage {
  readonly instanceId = randomUUID();
  readonly #options: RedisReplyOptions;
  readonly #connections: RedisConnections;
  readonly #scripts: ReplyScripts;
  readonly #tail: TailReader;
  /** The replies running on this instance. */
  readonly #running = new Map<string, ReplyJob>();
  /** The replies read here from Redis, with their readers on this instance. */
  readonly #followed = new Map<string, Set<RemoteReply>>();
  readonly #ticker: NodeJS.Timeout;
  #closing = false;

  constructor(connections: RedisConnections, options: Partial<RedisReplyOptions> = {}) {
    this.#options = { ...DEFAULT_REPLAY_LIMITS, prefix: 'sidechat:', leaseMs: 5000, heartbeatMs: 1000, ...options };
    this.#connections = connections;
    this.#scripts = replyScripts(connections.commands);
    this.#tail = new TailReader(connections.tail, connections.commands);
    this.#ticker = setInterval(() => void this.#tick(), this.#options.heartbeatMs).unref();
    const channel = this.#channel;
    void connections.subscriber.subscribe(channel).catch(() => {});
    connections.subscriber.on('message', (from, requestId) => {
      if (from === channel) this.#stopHere(requestId);
    });
  }

  async find(requestId: string): Promise<ReplySource | undefined> {
    const running = this.#running.get(requestId);
    if (running) return running;
    // A reply whose owner died is sealed first, so its reader gets the error, not a hang.
    if ((await this.#seal(requestId, false)) === 'gone') return undefined;
    const meta = await guarded(this.#connections.commands.hmget(this.#key(requestId), 'firstId', 'lastId', 'finalId'));
    if (meta[0] === null) return undefined;
    const [firstId, lastId, finalId] = meta.map((field) => (field === null ? undefined : Number(field)));
    return this.#remote(requestId, { firstId: firstId!, lastId: lastId ?? 0, finalId });
  }

  async open(requestId: string, events: ReplyEvents): Promise<ReplySource> {
    const { leaseMs, expireMs } = this.#options;
    const claimed = await guarded(this.#scripts.claim(this.#options.prefix, requestId, this.instanceId, leaseMs, expireMs));
    if (claimed === 1) return this.#start(requestId, events);
    // Another request got there first: read its reply. Gone meanwhile (cancelled at once)? Start anew.
    return (await this.find(requestId)) ?? this.open(requestId, events);
  }

  async forget(requestId: string): Promise<void> {
    this.#running.get(requestId)?.abort();
    await guarded(this.#scripts.forget(this.#options.prefix, requestId, this.#channel));
  }

  async whenIdle(): Promise<void> {
    await Promise.all([...this.#running.values()].map((job) => job.settled));
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearInterval(this.#ticker);
    const running = [...this.#running.keys()];
    for (const requestId of running) this.#running.get(requestId)?.abort();
    await Promise.all(running.map((requestId) => this.#seal(requestId, true).catch(() => undefined)));
    this.#tail.close();
    for (const followers of this.#followed.values()) for (const reply of followers) reply.forgotten();
    const { commands, tail, subscriber } = this.#connections;
    for (const connection of [subscriber, tail, commands]) connection.disconnect();
  }

  #start(requestId: string, events: ReplyEvents): ReplyJob {
    const { prefix, expireMs, maxReplyBytes, maxTotalBytes } = this.#options;
    const job = new ReplyJob(events, {
      ids: true,
      replayable: true,
      detachMs: this.#options.detachMs,
      // The owner's in-memory copy (what its own readers replay) is bounded like the stream in Redis.
      onAppend: (grown) => {
        if (grown.bytes > maxReplyBytes) grown.trimFront(maxReplyBytes);
      },
      persist: async (id, frame, final) => {
        await this.#scripts.append(prefix, requestId, id, frame, final ? 1 : 0, expireMs, maxReplyBytes, maxTotalBytes);
      },
      readElsewhere: async () => (await this.#scripts.readElsewhere(prefix, requestId)) > 0,
    });
    this.#running.set(requestId, job);
    void job.settled.then(() => {
      this.#running.delete(requestId);
      if (this.#closing || job.finalId !== undefined) return;
      // Aborted with no last event: nobody read it (or it was cancelled): forgotten, as in memory.
      return this.forget(requestId);
    }).catch(() => {});
    return job;
  }

  #remote(requestId: string, meta: ReplyMeta): RemoteReply {
    return new RemoteReply(
      {
        redis: this.#connections.commands,
        tail: this.#tail,
        eventsKey: `${this.#key(requestId)}:events`,
        follow: (reply) => {
          let readers = this.#followed.get(requestId);
          if (!readers) this.#followed.set(requestId, (readers = new Set()));
          readers.add(reply);
          void this.#seal(requestId, false, true).catch(() => {});
          return () => {
            readers.delete(reply);
            if (readers.size === 0 && this.#followed.get(requestId) === readers) this.#followed.delete(requestId);
          };
        },
      },
      meta,
    );
  }

  /** A cancel, from this instance or another: the generation stops and readers here end. */
  #stopHere(requestId: string): void {
    this.#running.get(requestId)?.abort();
    for (const reply of this.#followed.get(requestId) ?? []) reply.forgotten();
  }

  /** Renews this instance's leases; heartbeats its readers and seals replies whose owner died. */
  async #tick(): Promise<void> {
    const { prefix, leaseMs, expireMs } = this.#options;
    const renewals = [...this.#running].map(async ([requestId, job]) => {
      // Sealed by another instance (this one stalled past its lease) or forgotten: stop.
      if ((await this.#scripts.renew(prefix, requestId, this.instanceId, leaseMs, expireMs)) === 0) job.abort();
    });
    const follows = [...this.#followed].map(async ([requestId, readers]) => {
      const state = await this.#seal(requestId, false, true);
      for (const reply of readers) {
        if (state === 'gone') reply.forgotten();
        else if (state !== 'running') reply.notify();
      }
    });
    await Promise.allSettled([...renewals, ...follows]);
  }

  /** See SEAL in scripts.ts: `giveUp` for the owner letting go, `heartbeat` for a reader's instance. */
  #seal(requestId: string, giveUp: boolean, heartbeat = false): Promise<string> {
    const { prefix, expireMs, heartbeatMs } = this.#options;
    const data = eventFrame(OWNER_LOST);
    const reader = heartbeat ? this.instanceId : '';
    return guarded(this.#scripts.seal(prefix, requestId, data, expireMs, giveUp ? 1 : 0, reader, heartbeatMs * 3));
  }

  #key(requestId: string): string {
    return `${this.#options.prefix}reply:${requestId}`;
  }

  get #channel(): string {
    return `${this.#options.prefix}cancel`;
  }
}
