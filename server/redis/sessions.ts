/**
 * Sessions in Redis, so a conversation's next turn may land on any instance: one JSON value per
 * session (turns capped as in memory), expiring after `ttlMs` without use.
 */
import type { Redis } from 'ioredis';
import type { Turn } from '../responders/types';
import { addCappedTurn, newSession, type Session } from '../sessions';
import type { SessionStorage } from '../storage';
import { guarded } from './connection';

export interface RedisSessionOptions {
  prefix: string;
  /** Default 24 hours. */
  ttlMs: number;
  /** Default 50, as in memory. */
  maxTurns: number;
}

export class RedisSessionStore implements SessionStorage {
  readonly #redis: Redis;
  readonly #options: RedisSessionOptions;

  constructor(redis: Redis, options: Partial<RedisSessionOptions> = {}) {
    this.#redis = redis;
    this.#options = { prefix: 'sidechat:', ttlMs: 24 * 3_600_000, maxTurns: 50, ...options };
  }

  async resolve(id: string | undefined): Promise<Session> {
    if (!id) return newSession();
    const stored = await guarded(this.#redis.get(this.#key(id)));
    return stored ? (JSON.parse(stored) as Session) : newSession();
  }

  addTurn(session: Session, turn: Turn): void {
    addCappedTurn(session, turn, this.#options.maxTurns);
  }

  async save(session: Session): Promise<void> {
    await guarded(this.#redis.set(this.#key(session.id), JSON.stringify(session), 'PX', this.#options.ttlMs));
  }

  #key(id: string): string {
    return `${this.#options.prefix}session:${id}`;
  }
}
