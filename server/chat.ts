import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatRequest, RegularReply, StreamEvent } from '../utils/contract/sidechat-wire';
import { sendJson, type Headers } from './http';
import { ReplyRound, type TurnInput } from './reply-round';
import type { ReplyPiece, Responder } from './responders/types';
import type { Session } from './sessions';
import type { SessionStorage } from './storage';

/** One chat turn: what was asked, where it belongs, who answers. */
export interface ChatTurn {
  request: ChatRequest;
  /** The message answered and the reply so far (`turnInput()`). */
  input: TurnInput;
  session: Session;
  sessions: SessionStorage;
  responder: Responder;
  /** Aborted when the reply is given up: its connection closed early, or (resumable) nobody came back. */
  signal: AbortSignal;
}

/**
 * The reply as content (and function_call) events, then done; a responder failure ends it with
 * an error event. The turn is recorded in its session when done is produced, so only once and
 * only for a reply that finished, whoever is still reading it.
 */
export async function* streamEvents(turn: ChatTurn, wps: number): AsyncGenerator<StreamEvent> {
  const sessionId = turn.session.id;
  const round = new ReplyRound(turn.request, turn.input);
  let first = true;
  try {
    for await (const piece of paced(pieces(turn), wps, turn.signal)) {
      const event = round.add(piece);
      if (!event) continue;
      // On the first event too, so a client that loses the rest still continues the session.
      yield first ? { ...event, sessionId } : event;
      first = false;
    }
  } catch (error) {
    yield { type: 'error', message: `The responder failed: ${String(error)}`, code: 'responder_error', sessionId };
    return;
  }
  if (turn.signal.aborted) return;
  const usage = round.finish(turn.session, turn.sessions);
  try {
    await turn.sessions.save(turn.session);
  } catch {
    yield { type: 'error', message: 'The server could not save the conversation (its storage is unavailable); send the message again', code: 'storage_unavailable', sessionId };
    return;
  }
  yield { type: 'done', sessionId, usage };
}

export async function regularReply(res: ServerResponse, turn: ChatTurn, headers: Headers): Promise<void> {
  const round = new ReplyRound(turn.request, turn.input);
  for await (const piece of pieces(turn)) round.add(piece);
  if (turn.signal.aborted) return;
  const usage = round.finish(turn.session, turn.sessions);
  await turn.sessions.save(turn.session);
  const body: RegularReply = { content: round.text, sessionId: turn.session.id, usage, functionCalls: round.calls };
  sendJson(res, 200, body, headers);
}

function pieces({ request, input, session, responder, signal }: ChatTurn): AsyncIterable<ReplyPiece> {
  return responder.reply({
    message: input.message,
    history: [...session.turns],
    turnNumber: session.turnCount + 1,
    signal,
    sessionId: session.id,
    functions: request.functions ?? [],
    functionResults: request.functionResults,
    context: request.context,
    systemPrompt: request.systemPrompt,
  });
}

/** Spaces pieces `1000 / wps` ms apart (0 = no pause); stops early once `signal` aborts. */
async function* paced<T>(source: AsyncIterable<T>, wps: number, signal: AbortSignal): AsyncGenerator<T> {
  let first = true;
  for await (const piece of source) {
    if (!first && wps > 0) await sleep(1000 / wps, undefined, { signal }).catch(() => {});
    if (signal.aborted) return;
    first = false;
    yield piece;
  }
}
