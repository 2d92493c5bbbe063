/**
 * What the turn engine needs to know about one wire protocol. The engine (turn, stream relay,
 * retries, timeouts, fallback to regular mode, resume) is the same for every endpoint; a protocol
 * says how a request is posted and how what comes back reads as reply events, and whether the
 * server can pick up a dropped stream or recognise a repeated request. `Req` is the protocol's own
 * request body, opaque to the engine.
 */
import type { ChatMode, FunctionCall, FunctionDeclaration, FunctionResult, PageContext, Usage } from '../contract/sidechat-wire';
import type { MessageKey } from '../i18n';

/** One POST: where, with which headers (the API key included), and the JSON body. */
export interface PostSpec {
  url: string;
  headers: Record<string, string>;
  body: unknown;
  /** What to start when nothing answers on this machine (the reference endpoint, unless the protocol says). */
  unreachableHint?: MessageKey;
}

/** What one SSE message (or a regular-mode body) amounts to, in the order it happened. */
export type WireEvent =
  | { type: 'text'; text: string }
  /** A reasoning model's thinking: shown apart, never part of the answer. */
  | { type: 'reasoning'; text: string }
  | { type: 'session'; sessionId: string }
  | { type: 'function_call'; call: FunctionCall }
  | { type: 'done'; usage?: Usage }
  | { type: 'error'; message: string; code?: string }
  | { type: 'unknown'; name: string }
  | { type: 'malformed'; data: string; reason: string };

/** Reads one connection's SSE messages; a new one per connection, since some protocols keep state. */
export interface StreamDecoder {
  message(data: string, eventName?: string): WireEvent[];
  /** The body ended: what that means here (a protocol whose streams may end without a marker ends the reply). */
  end(): WireEvent[];
}

/** One earlier exchange of the conversation, for protocols whose servers keep no session. */
export interface Exchange {
  question: string;
  answer: string;
}

/** A new question, as the reply runner knows it; each protocol takes what it uses. */
export interface TurnAsk {
  message: string;
  context?: PageContext;
  functions?: FunctionDeclaration[];
  /** The server session the conversation continues (servers that keep one). */
  sessionId?: string;
  /** Earlier exchanges, oldest first, already within the context budget (servers that keep none). */
  history: Exchange[];
}

/** How a round of function calls ended: what the continuation must carry. */
export interface CallRound {
  calls: FunctionCall[];
  results: FunctionResult[];
  /** The text this round's reply gave before its calls. */
  text: string;
  sessionId?: string;
  functions: FunctionDeclaration[];
}

/** How a protocol's answers read: the part of a protocol that does not depend on its request type. */
export interface WireFormat {
  streamDecoder(): StreamDecoder;
  /** A regular-mode body (already JSON-parsed) as events, or why it is not a reply. */
  regularReply(json: unknown): { events: WireEvent[] } | { issue: string };
  /** The server's `{"error":{"message"}}` (or its own shape) from an error body, if the text is one. */
  errorBody(text: string): { message: string; code?: string } | undefined;
  /** Statuses that mean "no streaming route here" (regular mode then), unless the body names an error code. */
  noStreamStatuses: ReadonlySet<number>;
  /** Advice for a status that differs from the general one (which field to check). */
  advice: Partial<Record<number, MessageKey>>;
  /** A dropped stream can be picked up with Last-Event-ID. */
  resumable: boolean;
}

export interface WireProtocol<Req> extends WireFormat {
  /** The request of a new turn. */
  firstRequest(ask: TurnAsk): Req;
  /** The request that continues a turn after its calls ran. */
  continuation(previous: Req, round: CallRound): Req;
  /**
   * The request as it is sent, with whatever lets the server recognise it again (a request id);
   * the same object when it has that already or the protocol has none.
   */
  identify(request: Req): Req;
  /** The POST of `request` in `mode`; `lastEventId` only for resumable protocols. */
  post(request: Req, mode: ChatMode, lastEventId?: string): PostSpec;
  /** Stop: the POST that tells the server a streaming request is not wanted, if it has one. */
  cancelPost(request: Req): PostSpec | undefined;
  /**
   * The same request sent again (after a timeout before the first byte) is recognised by the
   * server, which does not generate a second reply: true for `mode`'s requests that carry an id.
   * False for servers without request ids: a request that may be generating is never repeated.
   */
  repeatable(mode: ChatMode): boolean;
  /**
   * A request the server refused (status, error message) that it would take without an optional
   * part: the request without it, else undefined. The engine does this at most once per turn.
   */
  withoutRefusedPart?(request: Req, status: number, message: string): Req | undefined;
}
