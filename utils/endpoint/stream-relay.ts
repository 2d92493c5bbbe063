/**
 * Relays one streamed reply to the caller: events as the protocol reads them, the idle timeout,
 * and for protocols that can, picking a dropped stream up after its last event id.
 */
import { readSseMessages } from './sse-events';
import { connectionLostError, goneError, interruptedError, TurnError } from './http-errors';
import { IdleTimeoutError, watchIdle } from './idle-timeout';
import { backoffDelay } from './retry-policy';
import { isRetryableFailure, postOnce, refusal, retryAfterHint, RETRY_STATUSES, wait } from './turn-retries';
import { isEventStream, type Connection } from './post';
import type { Turn, TurnOptions } from './turn-types';
import type { WireEvent } from './wire-protocol';
import { t } from '../i18n';
import { debugLog } from '../log';

/** What one stream (and the streams resuming it) has seen so far. */
interface StreamState {
  lastEventId?: string;
  /** The server's `retry:`: it resumes replies, and wants this base wait. */
  serverRetryMs?: number;
  /** Events delivered to the caller, across reconnects. */
  delivered: number;
  receivedChars: number;
  skipped: number;
}

const NUMERIC_ID = /^\d{1,15}$/;


/**
 * A drop can be resumed when the last id is numeric (so a server that replays from the start can
 * be deduplicated), or when nothing arrived yet from a server that announced `retry:` (the same
 * POST without Last-Event-ID then replays from the start).
 */
function canResume(state: StreamState): boolean {
  if (state.lastEventId !== undefined) return NUMERIC_ID.test(state.lastEventId);
  return state.delivered === 0 && state.serverRetryMs !== undefined;
}

export async function relayStream<Req>(turn: Turn<Req>, first: Connection): Promise<void> {
  const state: StreamState = { lastEventId: turn.options.lastEventId, delivered: 0, receivedChars: 0, skipped: 0 };
  let connection = first;
  let attempt = 0;
  for (;;) {
    const deliveredBefore = state.delivered;
    if ((await readStream(turn, connection, state)) === 'done') return;
    if (!turn.protocol.resumable || !canResume(state)) throw interruptedError();
    // A resumed stream that moved the reply on earns a fresh set of attempts for the next drop.
    if (state.delivered > deliveredBefore) attempt = 0;
    ({ connection, attempt } = await reconnect(turn, state, attempt));
  }
}

/** Relays one connection's events; 'dropped' when it broke, stalled or ended without `done`. */
async function readStream<Req>(turn: Turn<Req>, connection: Connection, state: StreamState): Promise<'done' | 'dropped'> {
  const { onEvent, signal } = turn.options;
  const { response } = connection;
  if (!response.body) {
    connection.release();
    return 'dropped';
  }
  // Events up to here were delivered already: a server that ignores Last-Event-ID replays them.
  const floor = state.lastEventId !== undefined && NUMERIC_ID.test(state.lastEventId) ? Number(state.lastEventId) : undefined;
  const watched = watchIdle(response.body, turn.timeouts.idleMs, { signal: connection.signal, onTimeout: connection.release });
  const decoder = turn.protocol.streamDecoder();
  try {
    for await (const { data, event, id: eventId } of readSseMessages(watched.body, { onRetry: (ms) => (state.serverRetryMs = ms) })) {
      if (floor !== undefined && eventId !== undefined && NUMERIC_ID.test(eventId) && Number(eventId) <= floor) continue;
      const finished = deliverAll(decoder.message(data, event), eventId, state, onEvent);
      if (eventId !== undefined) state.lastEventId = eventId;
      state.delivered += 1;
      if (finished) return 'done';
    }
    if (deliverAll(decoder.end(), undefined, state, onEvent)) return 'done';
  } catch (error) {
    if (error instanceof TurnError || signal.aborted) throw error;
    debugLog('stream', error instanceof IdleTimeoutError ? `no bytes for ${error.ms} ms` : 'stream broke', error);
  } finally {
    watched.stop();
    connection.release();
  }
  return 'dropped';
}

/** Hands one message's events to the caller; true when they end the reply. */
function deliverAll(events: WireEvent[], eventId: string | undefined, state: StreamState, onEvent: TurnOptions<never>['onEvent']): boolean {
  const id = eventId === undefined ? {} : { eventId };
  for (const event of events) {
    switch (event.type) {
      case 'text':
        state.receivedChars += event.text.length;
        if (event.text) onEvent({ type: 'delta', text: event.text, ...id });
        break;
      case 'reasoning':
        if (event.text) onEvent({ type: 'reasoning', text: event.text });
        break;
      case 'session':
        onEvent({ type: 'session', sessionId: event.sessionId });
        break;
      case 'done':
        onEvent({ type: 'done', usage: event.usage, notice: skippedNotice(state.skipped) });
        return true;
      case 'error':
        throw new TurnError(event.message, event.code);
      case 'function_call':
        onEvent({ type: 'function_call', call: event.call, ...id });
        break;
      case 'unknown':
        debugLog('stream', `ignored event of unknown type "${event.name}"`);
        break;
      case 'malformed':
        state.skipped += 1;
        debugLog('stream', `skipped malformed event (${event.reason})`, event.data.slice(0, 200));
        break;
    }
  }
  return false;
}

function skippedNotice(skipped: number): string | undefined {
  if (skipped === 0) return undefined;
  return skipped === 1 ? t('noticeSkippedOne') : t('noticeSkippedMany', skipped);
}

/** The same POST with Last-Event-ID, after a backoff, until a stream answers or the attempts run out. */
async function reconnect<Req>(turn: Turn<Req>, state: StreamState, attempt: number): Promise<{ connection: Connection; attempt: number }> {
  const { policy, options } = turn;
  let hintMs: number | undefined;
  while (attempt < policy.resumeAttempts) {
    attempt += 1;
    await wait(turn, attempt, policy.resumeAttempts, hintMs ?? backoffDelay(attempt, policy, state.serverRetryMs));
    hintMs = undefined;
    let connection: Connection;
    try {
      connection = await postOnce(turn, 'stream', state.lastEventId);
    } catch (error) {
      if (isRetryableFailure(error)) continue;
      throw error;
    }
    const { response } = connection;
    if (isEventStream(response)) {
      options.onEvent({ type: 'reconnected' });
      return { connection, attempt };
    }
    const text = await response.text().catch(() => '');
    connection.release();
    if (response.status === 410) throw goneError();
    if (RETRY_STATUSES.has(response.status)) {
      hintMs = retryAfterHint(turn, response, text);
      continue;
    }
    // A 200 that is not a stream: the server can't resume; anything else: it refused.
    throw response.ok ? interruptedError() : refusal(turn.protocol, response, text);
  }
  throw connectionLostError(state.receivedChars);
}
