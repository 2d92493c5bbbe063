/**
 * One blocking `XREAD` loop per instance, on its own connection, for every reply this instance
 * follows from Redis: readers wait here for entries after their own position, so Redis sees one
 * blocked client per instance, not one per reader. A waiter joining while the read blocks
 * interrupts it (`CLIENT UNBLOCK`) so its stream is read at once.
 */
import type { Redis } from 'ioredis';

interface Waiter {
  afterId: number;
  wake: () => void;
}

export class TailReader {
  readonly #tail: Redis;
  readonly #control: Redis;
  readonly #blockMs: number;
  readonly #waiters = new Map<string, Set<Waiter>>();
  /** The keys of the XREAD now blocked, to tell whether a new waiter needs it interrupted. */
  #reading = new Set<string>();
  #tailClientId: number | undefined;
  #idle: (() => void) | undefined;
  #closed = false;

  /** `tail` is dedicated to the loop; `control` sends the unblocking. */
  constructor(tail: Redis, control: Redis, blockMs = 1000) {
    this.#tail = tail;
    this.#control = control;
    this.#blockMs = blockMs;
    tail.on('ready', () => void this.#learnClientId());
    if (tail.status === 'ready') void this.#learnClientId();
    void this.#loop();
  }

  /** Calls `wake` once `key` has an entry after `afterId` (or Redis failed); returns the cancelling. */
  wait(key: string, afterId: number, wake: () => void): () => void {
    const waiter = { afterId, wake };
    let set = this.#waiters.get(key);
    if (!set) this.#waiters.set(key, (set = new Set()));
    set.add(waiter);
    this.#idle?.();
    if (!this.#reading.has(key) && this.#reading.size > 0 && this.#tailClientId !== undefined) {
      this.#reading = new Set();
      void this.#control.client('UNBLOCK', this.#tailClientId).catch(() => {});
    }
    return () => this.#remove(key, waiter);
  }

  close(): void {
    this.#closed = true;
    this.#idle?.();
    this.#wakeAll();
  }

  async #learnClientId(): Promise<void> {
    this.#tailClientId = Number(await this.#tail.client('ID').catch(() => undefined));
  }

  async #loop(): Promise<void> {
    while (!this.#closed) {
      if (this.#waiters.size === 0) {
        await new Promise<void>((resolve) => (this.#idle = resolve));
        this.#idle = undefined;
        continue;
      }
      const keys = [...this.#waiters.keys()];
      const ids = keys.map((key) => `0-${Math.min(...[...this.#waiters.get(key)!].map((waiter) => waiter.afterId))}`);
      this.#reading = new Set(keys);
      try {
        const result = await this.#tail.xread('COUNT', 1, 'BLOCK', this.#blockMs, 'STREAMS', ...keys, ...ids);
        // One entry is enough to wake a stream's readers: they read what they need with XRANGE.
        for (const [key, entries] of result ?? []) this.#arrived(key, Number(entries.at(-1)![0].split('-')[1]));
      } catch {
        // Redis is away: the readers find out (and end their replies with an error) on their next read.
        this.#wakeAll();
        if (!this.#closed) await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        this.#reading = new Set();
      }
    }
  }

  #arrived(key: string, lastId: number): void {
    for (const waiter of this.#waiters.get(key) ?? []) {
      if (waiter.afterId >= lastId) continue;
      this.#remove(key, waiter);
      waiter.wake();
    }
  }

  #wakeAll(): void {
    for (const [key, set] of this.#waiters) for (const waiter of set) this.#arrived(key, waiter.afterId + 1);
  }

  #remove(key: string, waiter: Waiter): void {
    const set = this.#waiters.get(key);
    if (!set?.delete(waiter)) return;
    if (set.size === 0) this.#waiters.delete(key);
  }
}
