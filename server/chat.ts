import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ChatRequest, RegularReply } from '../utils/protocol';
import { sendJson, type Headers } from './http';
import type { Responder } from './responders/types';
import type { Session, SessionStore } from './sessions';
import type { SseStream } from './sse';
import { countWords, usageFor } from './usage';

/** One chat turn: what was asked, where it belongs, who answers. */
export interface ChatTurn {
  request: ChatRequest;
  session: Session;
  sessions: SessionStore;
  responder: Responder;
  /** Aborted when the connection closes early. */
  signal: AbortSignal;
}

export interface StreamPlan {
  wps: number;
  /** Call `drop` instead of sending content event number N+1 (or done). */
  dropAfterEvents?: number;
  drop: () => void;
}

/** Streams the reply as content events, then done; a responder failure ends it with an error event. */
export async function streamReply(sse: SseStream, turn: ChatTurn, plan: StreamPlan): Promise<void> {
  const sessionId = turn.session.id;
  let reply = '';
  let events = 0;
  try {
    for await (const piece of paced(pieces(turn), plan.wps, turn.signal)) {
      if (events === plan.dropAfterEvents) return plan.drop();
      // On the first event too, so a client that loses the rest still continues the session.
      await sse.send(events === 0 ? { type: 'content', data: piece, sessionId } : { type: 'content', data: piece });
      reply += piece;
      events++;
    }
  } catch (error) {
    await sse.send({ type: 'error', message: `The responder failed: ${String(error)}`, code: 'responder_error', sessionId });
    return sse.end();
  }
  if (turn.signal.aborted) return;
  if (plan.dropAfterEvents !== undefined) return plan.drop();
  await sse.send({ type: 'done', sessionId, usage: commit(turn, reply, events) });
  sse.end();
}

export async function regularReply(res: ServerResponse, turn: ChatTurn, headers: Headers): Promise<void> {
  let reply = '';
  let count = 0;
  for await (const piece of pieces(turn)) {
    reply += piece;
    count++;
  }
  if (turn.signal.aborted) return;
  const usage = commit(turn, reply, count);
  const body: RegularReply = { content: reply, sessionId: turn.session.id, usage, functionCalls: [] };
  sendJson(res, 200, body, headers);
}

function pieces({ request, session, responder, signal }: ChatTurn): AsyncIterable<string> {
  return responder.reply({
    message: request.message,
    history: [...session.turns],
    turnNumber: session.turnCount + 1,
    signal,
  });
}

/** Records the finished turn; only finished ones, so an aborted reply never becomes history. */
function commit(turn: ChatTurn, reply: string, completionTokens: number) {
  turn.sessions.addTurn(turn.session, { message: turn.request.message, reply });
  return usageFor(countWords(turn.request.message), completionTokens);
}

/** Spaces pieces `1000 / wps` ms apart (0 = no pause); stops early once `signal` aborts. */
async function* paced(source: AsyncIterable<string>, wps: number, signal: AbortSignal): AsyncGenerator<string> {
  let first = true;
  for await (const piece of source) {
    if (!first && wps > 0) await sleep(1000 / wps, undefined, { signal }).catch(() => {});
    if (signal.aborted) return;
    first = false;
    yield piece;
  }
}
