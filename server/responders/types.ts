/** One finished exchange, as kept in a session and handed to responders as history. */
export interface Turn {
  message: string;
  reply: string;
}

export interface ResponderTurn {
  message: string;
  /** Earlier turns of the session, oldest first; capped, so it may not start at turn 1. */
  history: readonly Turn[];
  /** 1-based position of this turn in the session, counted even past the history cap. */
  turnNumber: number;
  /** Aborted when the client goes away, so a model call can be cancelled. */
  signal: AbortSignal;
}

/**
 * Produces a reply as text pieces (words with their trailing space). The server only paces and
 * frames them, so a model-backed adapter can slot in behind the same interface.
 */
export interface Responder {
  reply(turn: ResponderTurn): AsyncIterable<string>;
}
