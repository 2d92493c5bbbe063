import type { FunctionCall, FunctionDeclaration, FunctionResult, PageContext, Usage } from '../../utils/contract/sidechat-wire';

/** One finished exchange, as kept in a session and handed to responders as history. */
export interface Turn {
  message: string;
  reply: string;
}

export interface ResponderTurn {
  /** The user's message; on the continuation of a turn, the message that turn answers. */
  message: string;
  /** Earlier turns of the session, oldest first; capped, so it may not start at turn 1. */
  history: readonly Turn[];
  /** 1-based position of this turn in the session, counted even past the history cap. */
  turnNumber: number;
  /** Aborted when the client goes away, so a model call can be cancelled. */
  signal: AbortSignal;
  /** For responders that keep state of their own per conversation. */
  sessionId: string;
  /** The functions the client offers; empty when it offers none, and then none may be called. */
  functions: readonly FunctionDeclaration[];
  /** Set on the continuation of a turn: the results of the calls this reply asked for. */
  functionResults?: readonly FunctionResult[];
  /** The page the user shared with this message ("Share this page"). */
  context?: PageContext;
  /** The user's own instructions for the model, from the request; responders without a model ignore them. */
  systemPrompt?: string;
}

/**
 * What a reply is made of: text (words with their trailing space), requests to call one of the
 * client's functions, and the token counts when the responder knows them.
 */
export type ReplyPiece = string | { functionCall: FunctionCall } | { usage: Usage };

/**
 * Produces a reply as pieces. The server only paces and frames them, so a model-backed adapter
 * slots in behind the same interface. A reply that asks for functions ends there; the client
 * runs them and sends a continuation with their results.
 */
export interface Responder {
  reply(turn: ResponderTurn): AsyncIterable<ReplyPiece>;
}
