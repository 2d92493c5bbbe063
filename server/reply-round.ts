/**
 * A turn may take several requests: a reply that asks for functions pauses, and the client's
 * continuation (its `functionResults`) resumes it. This keeps that bookkeeping out of the routes.
 */
import type { ChatRequest, FunctionCall, StreamEvent, Usage } from '../utils/contract/sidechat-wire';
import { HttpError } from './http';
import type { ReplyPiece } from './responders/types';
import type { Session } from './sessions';
import type { SessionStorage } from './storage';
import { countWords, usageFor } from './usage';

export interface TurnInput {
  message: string;
  /** The reply so far, when this request continues a turn. */
  earlierReply: string;
}

/** What the request asks for; a continuation nobody waits for is a 400, before any reply starts. */
export function turnInput(request: ChatRequest, session: Session): TurnInput {
  if (request.message !== undefined) {
    // A new message abandons a turn left waiting (the user stopped it mid-call).
    session.pending = undefined;
    return { message: request.message, earlierReply: '' };
  }
  const pending = session.pending;
  if (!pending) {
    throw new HttpError(400, 'bad_request', 'No function call of this session is waiting for results — the session may have expired; ask again');
  }
  const waiting = new Set(pending.calls.map((call) => call.id));
  const strangers = (request.functionResults ?? []).filter((result) => !waiting.has(result.id)).map((result) => result.id);
  if (strangers.length > 0) throw new HttpError(400, 'bad_request', `functionResults: no call ${strangers.join(', ')} is waiting`);
  return { message: pending.message, earlierReply: pending.reply };
}

/** One request's share of a reply: its text, its function calls, and where it all goes at the end. */
export class ReplyRound {
  text = '';
  readonly calls: FunctionCall[] = [];
  #pieces = 0;
  #usage: Usage | undefined;

  constructor(
    private readonly request: ChatRequest,
    private readonly input: TurnInput,
  ) {}

  /** The stream event for a piece, if it is one. */
  add(piece: ReplyPiece): StreamEvent | undefined {
    if (typeof piece === 'string') {
      this.text += piece;
      this.#pieces++;
      return { type: 'content', data: piece };
    }
    if ('functionCall' in piece) {
      this.calls.push(piece.functionCall);
      return { type: 'function_call', ...piece.functionCall };
    }
    this.#usage = piece.usage;
    return undefined;
  }

  /**
   * Records the round: a reply that asked for functions waits in the session for their results;
   * a finished one becomes history. Only then, so an aborted reply never does. The caller saves
   * the session.
   */
  finish(session: Session, sessions: SessionStorage): Usage {
    const reply = this.input.earlierReply + this.text;
    if (this.calls.length > 0) session.pending = { message: this.input.message, reply, calls: this.calls };
    else {
      session.pending = undefined;
      sessions.addTurn(session, { message: this.input.message, reply });
    }
    if (this.#usage) return this.#usage;
    const asked = this.request.message ?? JSON.stringify(this.request.functionResults);
    return usageFor(countWords(asked), this.#pieces);
  }
}
