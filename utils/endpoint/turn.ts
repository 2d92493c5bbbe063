/**
 * One turn against the endpoint: streaming, regular, the fallback between them, and abort; retries
 * before the first byte, timeouts, and resuming a dropped stream from its last event id
 * (docs/protocol.md). It reports what happens through `onEvent` and throws a TurnError a person
 * can act on.
 */
import * as v from 'valibot';
import { chatUrl, RegularReplySchema, type ChatMode, type ChatRequest, type FunctionCall, type ParsedEvent, type RegularReply, type Usage } from '../contract/sidechat-wire';
import { readStreamEvents } from './sse-events';
import { connectionLostError, firstByteTimeoutError, goneError, httpError, interruptedError, readErrorBody, redirectError, TurnError, unreachableError } from './http-errors';
import { IdleTimeoutError, watchIdle } from './idle-timeout';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, type RetryPolicy } from './retry-policy';
import { t } from '../i18n';
import { debugLog } from '../log';
import type { Settings } from '../settings';

export type TurnEvent =
  /** Emitted by runTurnWithFunctions before each request it sends, requestId included. */
  | { type: 'round'; request: ChatRequest }
  /** `eventId`: the SSE id of the event it came from, to checkpoint with the text so far. */
  | { type: 'delta'; text: string; eventId?: string }
  | { type: 'session'; sessionId: string }
  | { type: 'fallback'; reason: string }
  | { type: 'function_call'; call: FunctionCall; eventId?: string }
  /** Before each wait: a retry before the first byte, or a reconnect after a drop. */
  | { type: 'reconnecting'; attempt: number; attempts: number; delayMs: number }
  /** A resumed stream answered; its events continue the same reply. */
  | { type: 'reconnected' }
  | { type: 'done'; usage?: Usage; notice?: string };

export interface TurnTimeouts {
  /** No response headers within this: the attempt is abandoned (and retried). */
  firstByteMs: number;
  /** No bytes at all within this, mid-stream: a drop. */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: TurnTimeouts = { firstByteMs: 30_000, idleMs: 45_000 };

export function timeoutsFromSettings(settings: Pick<Settings, 'firstByteTimeoutSec' | 'idleTimeoutSec'>): TurnTimeouts {
  return { firstByteMs: settings.firstByteTimeoutSec * 1000, idleMs: settings.idleTimeoutSec * 1000 };
}

export interface TurnOptions {
  settings: Pick<Settings, 'endpointUrl' | 'projectId' | 'apiKey'>;
  request: ChatRequest;
  mode: ChatMode;
  signal: AbortSignal;
  onEvent: (event: TurnEvent) => void;
  fetch?: typeof fetch;
  /** Resume a stream someone else was reading: the first POST already carries Last-Event-ID. */
  lastEventId?: string;
  timeouts?: TurnTimeouts;
  /** Attempts, delays, randomness and sleeping; tests replace them. */
  retry?: Partial<RetryPolicy>;
}

/** Statuses that mean "this server has no streaming route", unless the body says otherwise. */
const NO_STREAM_STATUSES = new Set([404, 405, 415, 501]);
/** A proxy or an overloaded server answered before the request reached the model: safe to repeat. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);
const RETRY_AFTER_STATUSES = new Set([429, 503]);

interface Turn {
  options: TurnOptions;
  request: ChatRequest;
  policy: RetryPolicy;
  timeouts: TurnTimeouts;
}

/** Every streaming request carries a requestId: it is what a reconnect is found by. */
export function withRequestId(request: ChatRequest): ChatRequest {
  return request.requestId ? request : { ...request, requestId: crypto.randomUUID() };
}

export async function runTurn(options: TurnOptions): Promise<void> {
  const turn: Turn = {
    options,
    request: options.mode === 'stream' ? withRequestId(options.request) : options.request,
    policy: { ...DEFAULT_RETRY_POLICY, ...options.retry },
    timeouts: options.timeouts ?? DEFAULT_TIMEOUTS,
  };
  if (options.mode === 'regular') return runRegular(turn);
  const { lastEventId } = options;
  const connection = await postWithRetries(turn, 'stream', lastEventId);
  if (lastEventId !== undefined) return resumeFirst(turn, connection, lastEventId);
  let decision: FallbackDecision;
  try {
    decision = await decideFallback(connection.response);
  } catch (error) {
    connection.release();
    throw error;
  }
  if (decision.kind === 'stream') return relayStream(turn, connection);
  connection.release();
  options.onEvent({ type: 'fallback', reason: decision.reason });
  if (decision.kind === 'use-json') return emitRegularReply(decision.reply, options);
  return runRegular(turn);
}

/** The reply was streaming before (another worker read it): only a stream continues it. */
async function resumeFirst(turn: Turn, connection: Connection, lastEventId: string): Promise<void> {
  const { response } = connection;
  if (response.status === 410 || !isEventStream(response)) {
    const text = response.ok ? '' : await response.text().catch(() => '');
    connection.release();
    if (response.status === 410) throw goneError();
    throw response.ok ? interruptedError() : httpError(response.status, response.statusText, text);
  }
  return relayStream(turn, connection, lastEventId);
}

type FallbackDecision =
  | { kind: 'stream' }
  | { kind: 'use-json'; reply: RegularReply; reason: string }
  | { kind: 'resend'; reason: string };

const isEventStream = (response: Response) => response.ok && (response.headers.get('content-type') ?? '').includes('text/event-stream');

/** Decided from the status and headers, before any stream body is read. */
export async function decideFallback(response: Response): Promise<FallbackDecision> {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok) {
    if (type.includes('text/event-stream')) return { kind: 'stream' };
    if (type.includes('json')) {
      const reply = v.safeParse(RegularReplySchema, await response.json().catch(() => undefined));
      if (reply.success) return { kind: 'use-json', reply: reply.output, reason: t('fallbackJsonReply') };
    }
    return { kind: 'resend', reason: t('fallbackNotStream', type || t('noContentType')) };
  }
  if (NO_STREAM_STATUSES.has(response.status)) {
    const text = await response.text().catch(() => '');
    if (readErrorBody(text)?.code) throw httpError(response.status, response.statusText, text);
    return { kind: 'resend', reason: t('fallbackStatus', response.status) };
  }
  throw httpError(response.status, response.statusText, await response.text().catch(() => ''));
}

async function runRegular(turn: Turn): Promise<void> {
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
  if (!response.ok) throw httpError(response.status, response.statusText, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TurnError(t('errorNotJson', response.headers.get('content-type') || t('noContentType')), 'bad_reply');
  }
  const reply = v.safeParse(RegularReplySchema, json);
  if (!reply.success) throw new TurnError(t('errorNotProtocol', v.summarize(reply.issues)), 'bad_reply');
  emitRegularReply(reply.output, turn.options);
}

function emitRegularReply(reply: RegularReply, { onEvent }: TurnOptions): void {
  if (reply.sessionId) onEvent({ type: 'session', sessionId: reply.sessionId });
  if (reply.content) onEvent({ type: 'delta', text: reply.content });
  for (const call of reply.functionCalls) onEvent({ type: 'function_call', call });
  onEvent({ type: 'done', usage: reply.usage });
}

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

async function relayStream(turn: Turn, first: Connection, lastEventId?: string): Promise<void> {
  const state: StreamState = { lastEventId, delivered: 0, receivedChars: 0, skipped: 0 };
  let connection = first;
  let attempt = 0;
  for (;;) {
    const deliveredBefore = state.delivered;
    if ((await readStream(turn, connection, state)) === 'done') return;
    if (!canResume(state)) throw interruptedError();
    // A resumed stream that moved the reply on earns a fresh set of attempts for the next drop.
    if (state.delivered > deliveredBefore) attempt = 0;
    ({ connection, attempt } = await reconnect(turn, state, attempt));
  }
}

/** Relays one connection's events; 'dropped' when it broke, stalled or ended without `done`. */
async function readStream(turn: Turn, connection: Connection, state: StreamState): Promise<'done' | 'dropped'> {
  const { onEvent, signal } = turn.options;
  const { response } = connection;
  if (!response.body) {
    connection.release();
    return 'dropped';
  }
  // Events up to here were delivered already: a server that ignores Last-Event-ID replays them.
  const floor = state.lastEventId !== undefined && NUMERIC_ID.test(state.lastEventId) ? Number(state.lastEventId) : undefined;
  const watched = watchIdle(response.body, turn.timeouts.idleMs, { signal: connection.signal, onTimeout: connection.release });
  try {
    for await (const { event, eventId } of readStreamEvents(watched.body, { onRetry: (ms) => (state.serverRetryMs = ms) })) {
      if (floor !== undefined && eventId !== undefined && NUMERIC_ID.test(eventId) && Number(eventId) <= floor) continue;
      const finished = deliver(event, eventId, state, onEvent);
      if (eventId !== undefined) state.lastEventId = eventId;
      state.delivered += 1;
      if (finished) return 'done';
    }
  } catch (error) {
    if (error instanceof TurnError || signal.aborted) throw error;
    debugLog('stream', error instanceof IdleTimeoutError ? `no bytes for ${error.ms} ms` : 'stream broke', error);
  } finally {
    watched.stop();
    connection.release();
  }
  return 'dropped';
}

/** Hands one event to the caller; true when it ends the reply. */
function deliver(event: ParsedEvent, eventId: string | undefined, state: StreamState, onEvent: TurnOptions['onEvent']): boolean {
  const id = eventId === undefined ? {} : { eventId };
  if ('sessionId' in event && event.sessionId) onEvent({ type: 'session', sessionId: event.sessionId });
  switch (event.type) {
    case 'content':
      state.receivedChars += event.data.length;
      if (event.data) onEvent({ type: 'delta', text: event.data, ...id });
      return false;
    case 'done':
      onEvent({ type: 'done', usage: event.usage, notice: skippedNotice(state.skipped) });
      return true;
    case 'error':
      throw new TurnError(event.message, event.code);
    case 'function_call':
      onEvent({ type: 'function_call', call: { id: event.id, name: event.name, arguments: event.arguments }, ...id });
      return false;
    case 'unknown':
      debugLog('stream', `ignored event of unknown type "${event.name}"`);
      return false;
    case 'malformed':
      state.skipped += 1;
      debugLog('stream', `skipped malformed event (${event.reason})`, event.data.slice(0, 200));
      return false;
  }
}

function skippedNotice(skipped: number): string | undefined {
  if (skipped === 0) return undefined;
  return skipped === 1 ? t('noticeSkippedOne') : t('noticeSkippedMany', skipped);
}

/** The same POST with Last-Event-ID, after a backoff, until a stream answers or the attempts run out. */
async function reconnect(turn: Turn, state: StreamState, attempt: number): Promise<{ connection: Connection; attempt: number }> {
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
    throw response.ok ? interruptedError() : httpError(response.status, response.statusText, text);
  }
  throw connectionLostError(state.receivedChars);
}

/** The first request of a mode: retried while nothing came back yet. Other statuses go to the caller. */
async function postWithRetries(turn: Turn, mode: ChatMode, lastEventId?: string): Promise<Connection> {
  const { policy } = turn;
  for (let attempt = 1; ; attempt++) {
    const last = attempt > policy.firstByteAttempts;
    let hintMs: number | undefined;
    try {
      const connection = await postOnce(turn, mode, lastEventId);
      const { response } = connection;
      if (!RETRY_STATUSES.has(response.status) || last) return connection;
      const text = await response.text().catch(() => '');
      connection.release();
      hintMs = retryAfterHint(turn, response, text);
    } catch (error) {
      // Without a requestId the server can't recognise a repeat, so a regular request that may
      // still be running there is not sent again.
      const repeatable = isRetryableFailure(error) && (mode === 'stream' || (error as TurnError).code !== 'first_byte_timeout');
      if (last || !repeatable) throw error;
    }
    await wait(turn, attempt, policy.firstByteAttempts, hintMs ?? backoffDelay(attempt, policy));
  }
}

function isRetryableFailure(error: unknown): boolean {
  return error instanceof TurnError && (error.code === 'unreachable' || error.code === 'first_byte_timeout');
}

/** `Retry-After` on 429/503, within reason; a longer one fails now, saying when to come back. */
function retryAfterHint(turn: Turn, response: Response, bodyText: string): number | undefined {
  if (!RETRY_AFTER_STATUSES.has(response.status)) return undefined;
  const { policy } = turn;
  const now = policy.now();
  const ms = parseRetryAfter(response.headers.get('retry-after'), now);
  if (ms === undefined || ms <= policy.maxRetryAfterMs) return ms;
  const when = new Date(Math.ceil((now + ms) / 60_000) * 60_000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const error = httpError(response.status, response.statusText, bodyText, t('adviceRetryAt', when));
  throw new TurnError(error.message, 'retry_later', response.status);
}

async function wait(turn: Turn, attempt: number, attempts: number, delayMs: number): Promise<void> {
  turn.options.onEvent({ type: 'reconnecting', attempt, attempts, delayMs });
  await turn.policy.sleep(delayMs, turn.options.signal);
}

/** A response and the means to end its request: the abort reaches the fetch, whoever ends it. */
interface Connection {
  response: Response;
  /** Aborted by Stop, a timeout or release: the body must end then too. */
  signal: AbortSignal;
  release(): void;
}

/** One POST with the first-byte timeout; the Stop signal and the timeouts both abort its fetch. */
async function postOnce(turn: Turn, mode: ChatMode, lastEventId?: string): Promise<Connection> {
  const { options, timeouts } = turn;
  const outer = options.signal;
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onAbort, { once: true });
  const release = () => {
    outer.removeEventListener('abort', onAbort);
    controller.abort();
  };
  if (outer.aborted) onAbort();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const url = chatUrl(options.settings.endpointUrl, options.settings.projectId, mode);
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(firstByteTimeoutError(url, timeouts.firstByteMs));
    }, timeouts.firstByteMs);
  });
  try {
    const request = postChat({ ...options, request: turn.request, signal: controller.signal, lastEventId }, mode);
    // A fetch that ignores the abort still loses the race.
    request.catch(() => {});
    const response = await Promise.race([request, timedOut]);
    return { response, signal: controller.signal, release };
  } catch (error) {
    release();
    if (outer.aborted) throw outer.reason ?? error;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

export type PostOptions = Pick<TurnOptions, 'settings' | 'request' | 'signal' | 'fetch' | 'lastEventId'>;

/** POSTs one request to the endpoint; a network failure or a redirect becomes a TurnError. */
/**
 * A JSON POST to the endpoint, with the API key. Redirects are not followed, so the key never
 * travels to an address the user did not configure; no cookies go along.
 */
export function endpointPost(settings: Pick<Settings, 'apiKey'>, body: unknown, signal: AbortSignal, extraHeaders: Record<string, string> = {}): RequestInit {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extraHeaders };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  return { method: 'POST', headers, body: JSON.stringify(body), signal, redirect: 'manual', credentials: 'omit' };
}

export async function postChat({ settings, request, signal, fetch: fetchImpl = fetch, lastEventId }: PostOptions, mode: ChatMode): Promise<Response> {
  const url = chatUrl(settings.endpointUrl, settings.projectId, mode);
  const headers: Record<string, string> = { Accept: mode === 'stream' ? 'text/event-stream' : 'application/json' };
  if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
  debugLog('request', `POST ${url}`, lastEventId === undefined ? request : { lastEventId, request });
  let response: Response;
  try {
    response = await fetchImpl(url, endpointPost(settings, request, signal, headers));
  } catch (error) {
    if (signal.aborted) throw error;
    debugLog('request', 'fetch failed', error);
    throw unreachableError(url);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw redirectError(response.status);
  }
  return response;
}
