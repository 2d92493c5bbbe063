/** The turn engine's options and the events it reports, shared by its parts (turn, retries, stream relay). */
import type { ChatMode, FunctionCall, Usage } from '../contract/sidechat-wire';
import type { RetryPolicy } from './retry-policy';
import type { WireProtocol } from './wire-protocol';
import type { Settings } from '../settings';

export type TurnEvent<Req = unknown> =
  /** Emitted by runTurnWithFunctions before each request it sends, as the protocol identified it. */
  | { type: 'round'; request: Req }
  /** `eventId`: the SSE id of the event it came from, to checkpoint with the text so far. */
  | { type: 'delta'; text: string; eventId?: string }
  /** A reasoning model's thinking, kept apart from the answer. */
  | { type: 'reasoning'; text: string }
  | { type: 'session'; sessionId: string }
  | { type: 'fallback'; reason: string }
  | { type: 'function_call'; call: FunctionCall; eventId?: string }
  /** Before each wait: a retry before the first byte, or a reconnect after a drop. */
  | { type: 'reconnecting'; attempt: number; attempts: number; delayMs: number }
  /** A resumed stream answered; its events continue the same reply. */
  | { type: 'reconnected' }
  | { type: 'done'; usage?: Usage; notice?: string };

export interface TurnTimeouts {
  /** No response headers within this: the attempt is abandoned (and retried when that is safe). */
  firstByteMs: number;
  /** No bytes at all within this, mid-stream: a drop. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: TurnTimeouts = { firstByteMs: 30_000, idleMs: 45_000 };

export function timeoutsFromSettings(settings: Pick<Settings, 'firstByteTimeoutSec' | 'idleTimeoutSec'>): TurnTimeouts {
  return { firstByteMs: settings.firstByteTimeoutSec * 1000, idleMs: settings.idleTimeoutSec * 1000 };
}

export interface TurnOptions<Req> {
  protocol: WireProtocol<Req>;
  request: Req;
  mode: ChatMode;
  signal: AbortSignal;
  onEvent: (event: TurnEvent<Req>) => void;
  fetch?: typeof fetch;
  /** Resume a stream someone else was reading: the first POST already carries Last-Event-ID. */
  lastEventId?: string;
  timeouts?: TurnTimeouts;
  /** Attempts, delays, randomness and sleeping; tests replace them. */
  retry?: Partial<RetryPolicy>;
}

/** One running turn, as its parts share it. */
export interface Turn<Req> {
  options: TurnOptions<Req>;
  protocol: WireProtocol<Req>;
  /** The request as sent; a protocol may drop a part the server refused (once). */
  request: Req;
  simplified: boolean;
  policy: RetryPolicy;
  timeouts: TurnTimeouts;
}
