/**
 * One turn against the endpoint: streaming, regular, the fallback between them, and abort. Retries
 * before the first byte and timeouts live in turn-retries.ts, the stream and its resume in
 * stream-relay.ts; what the wire looks like is the protocol's (wire-protocol.ts). It reports what
 * happens through `onEvent` and throws a TurnError a person can act on.
 */
import { connectionLostError, goneError, interruptedError, TurnError } from './http-errors';
import { watchIdle } from './idle-timeout';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { relayStream } from './stream-relay';
import { postWithRetries, refusal } from './turn-retries';
import { DEFAULT_TIMEOUTS, type Turn, type TurnOptions } from './turn-types';
import { isEventStream, type Connection } from './post';
import type { WireEvent, WireFormat } from './wire-protocol';
import { t } from '../i18n';
import { debugLog } from '../log';

export { DEFAULT_TIMEOUTS, timeoutsFromSettings, type TurnEvent, type TurnOptions, type TurnTimeouts } from './turn-types';

export async function runTurn<Req>(options: TurnOptions<Req>): Promise<void> {
  const { protocol } = options;
  const turn: Turn<Req> = {
    options,
    protocol,
    request: options.mode === 'stream' ? protocol.identify(options.request) : options.request,
    simplified: false,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
  };
  if (options.mode === 'regular') return runRegular(turn);
  const { lastEventId } = options;
  const connection = await postWithRetries(turn, 'stream', lastEventId);
  if (lastEventId !== undefined) return resumeFirst(turn, connection);
  let decision: FallbackDecision;
  try {
    decision = await decideFallback(connection.response, protocol);
  } catch (error) {
    connection.release();
    throw error;
  }
  if (decision.kind === 'stream') return relayStream(turn, connection);
  connection.release();
  options.onEvent({ type: 'fallback', reason: decision.reason });
  if (decision.kind === 'use-json') return emitRegularReply(decision.events, options);
  return runRegular(turn);
}

/** The reply was streaming before (another worker read it): only a stream continues it. */
async function resumeFirst<Req>(turn: Turn<Req>, connection: Connection): Promise<void> {
  const { response } = connection;
  if (response.status === 410 || !isEventStream(response)) {
    const text = response.ok ? '' : await response.text().catch(() => '');
    connection.release();
    if (response.status === 410) throw goneError();
    throw response.ok ? interruptedError() : refusal(turn.protocol, response, text);
  }
  return relayStream(turn, connection);
}

export type FallbackDecision =
  | { kind: 'stream' }
  | { kind: 'use-json'; events: WireEvent[]; reason: string }
  | { kind: 'resend'; reason: string };

/** Decided from the status and headers, before any stream body is read. */
export async function decideFallback(response: Response, protocol: WireFormat): Promise<FallbackDecision> {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok) {
    if (type.includes('text/event-stream')) return { kind: 'stream' };
    if (type.includes('json')) {
      const reply = protocol.regularReply(await response.json().catch(() => undefined));
      if ('events' in reply) return { kind: 'use-json', events: reply.events, reason: t('fallbackJsonReply') };
    }
    return { kind: 'resend', reason: t('fallbackNotStream', type || t('noContentType')) };
  }
  const text = await response.text().catch(() => '');
  if (protocol.noStreamStatuses.has(response.status) && !protocol.errorBody(text)?.code) {
    return { kind: 'resend', reason: t('fallbackStatus', response.status) };
  }
  throw refusal(protocol, response, text);
}

async function runRegular<Req>(turn: Turn<Req>): Promise<void> {
  const connection = await postWithRetries(turn, 'regular');
  const { response } = connection;
  let text: string;
  const watched = response.body ? watchIdle(response.body, turn.timeouts.idleMs, { signal: connection.signal, onTimeout: connection.release }) : undefined;
  try {
    text = watched ? await new Response(watched.body).text() : '';
  } catch (error) {
    if (turn.options.signal.aborted) throw error;
    debugLog('request', 'regular reply broke', error);
    throw connectionLostError(0);
  } finally {
    watched?.stop();
    connection.release();
  }
  if (!response.ok) throw refusal(turn.protocol, response, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TurnError(t('errorNotJson', response.headers.get('content-type') || t('noContentType')), 'bad_reply');
  }
  const reply = turn.protocol.regularReply(json);
  if ('issue' in reply) throw new TurnError(t('errorNotProtocol', reply.issue), 'bad_reply');
  emitRegularReply(reply.events, turn.options);
}

/** A regular reply's events, as the caller hears a stream's: deltas, calls, then done. */
function emitRegularReply<Req>(events: WireEvent[], { onEvent }: TurnOptions<Req>): void {
  for (const event of events) {
    switch (event.type) {
      case 'text':
        if (event.text) onEvent({ type: 'delta', text: event.text });
        break;
      case 'reasoning':
        if (event.text) onEvent({ type: 'reasoning', text: event.text });
        break;
      case 'session':
      case 'function_call':
        onEvent(event);
        break;
      case 'done':
        onEvent({ type: 'done', usage: event.usage });
        break;
      case 'error':
        throw new TurnError(event.message, event.code);
    }
  }
}
