import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatRequest, RegularReply } from '../utils/protocol';
import { sendJson, type Headers } from './http';
import { ReplyRound, type TurnInput } from './reply-round';
import type { ReplyPiece, Responder } from './responders/types';
import type { Session, SessionStore } from './sessions';
import type { SseStream } from './sse';

/** One chat turn: what was asked, where it belongs, who answers. */
export interface ChatTurn {
  request: ChatRequest;
  /** The message answered and the reply so far (`turnInput()`). */
  input: TurnInput;
  session: Session;
  sessions: SessionStore;
  responder: Responder;
  /** Aborted when the connection closes early. */
  signal: AbortSignal;
}

export interface StreamPlan {
  wps: number;
  /** Call `drop` instead of sending event number N+1 (or done). */
  dropAfterEvents?: number;
  drop: () => void;
}

/**
 * Streams the reply as content (and function_call) events, then done; a responder failure ends
 * it with an error event.
 */
export async function streamReply(sse: SseStream, turn: ChatTurn, plan: StreamPlan): Promise<void> {
  const sessionId = turn.session.id;
  const round = new ReplyRound(turn.request, turn.input);
  let events = 0;
  try {
    for await (const piece of paced(pieces(turn), plan.wps, turn.signal)) {
      const event = round.add(piece);
      if (!event) continue;
      if (events === plan.dropAfterEvents) return plan.drop();
      // On the first event too, so a client that loses the rest still continues the session.
      await sse.send(events === 0 ? { ...event, sessionId } : event);
      events++;
    }
  } catch (error) {
    await sse.send({ type: 'error', message: `The responder failed: ${String(error)}`, code: 'responder_error', sessionId });
    return sse.end();
  }
  if (turn.signal.aborted) return;
  if (plan.dropAfterEvents !== undefined) return plan.drop();
  await sse.send({ type: 'done', sessionId, usage: round.finish(turn.session, turn.sessions) });
  sse.end();
}

export async function regularReply(res: ServerResponse, turn: ChatTurn, headers: Headers): Promise<void> {
  const round = new ReplyRound(turn.request, turn.input);
  for await (const piece of pieces(turn)) round.add(piece);
  if (turn.signal.aborted) return;
  const usage = round.finish(turn.session, turn.sessions);
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
