import { randomUUID } from 'node:crypto';
import type { Turn } from './responders/types';
import type { Session, SessionStorage } from './storage';

export type { Session } from './storage';

/** Keeps the newest `maxTurns` turns; counts them all. */
export function addCappedTurn(session: Session, turn: Turn, maxTurns: number): void {
  session.turns.push(turn);
  session.turnCount++;
  if (session.turns.length > maxTurns) session.turns.splice(0, session.turns.length - maxTurns);
}

export function newSession(): Session {
  return { id: randomUUID(), turns: [], turnCount: 0 };
}

/** In-memory sessions, least recently used evicted first, so a long-running server stays bounded. */
export class SessionStore implements SessionStorage {
  readonly #sessions = new Map<string, Session>();
  readonly #maxSessions: number;
  readonly #maxTurns: number;

  constructor(maxSessions = 500, maxTurns = 50) {
    this.#maxSessions = maxSessions;
    this.#maxTurns = maxTurns;
  }

  /**
   * The session for `id`, or a new one with a server-issued id when `id` is missing or unknown
   * (expired, from another server run, or made up).
   */
  async resolve(id: string | undefined): Promise<Session> {
    const session = (id && this.#sessions.get(id)) || newSession();
    // Re-inserting moves the session to the end of the Map's order, which is its recency.
    this.#sessions.delete(session.id);
    this.#sessions.set(session.id, session);
    for (const oldest of this.#sessions.keys()) {
      if (this.#sessions.size <= this.#maxSessions) break;
      this.#sessions.delete(oldest);
    }
    return session;
  }

  addTurn(session: Session, turn: Turn): void {
    addCappedTurn(session, turn, this.#maxTurns);
  }

  /** The session object is the stored one: nothing to write. */
  async save(): Promise<void> {}
}
