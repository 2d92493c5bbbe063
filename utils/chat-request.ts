/**
 * One turn against the endpoint: streaming, regular, the fallback between them, and abort.
 * It reports what happens through `onEvent` and throws a TurnError a person can act on.
 */
import * as v from 'valibot';
import { chatUrl, RegularReplySchema, type ChatMode, type ChatRequest, type FunctionCall, type RegularReply, type Usage } from './protocol';
import { readStreamEvents } from './sse-events';
import { connectionLostError, httpError, readErrorBody, TurnError, unreachableError } from './http-errors';
import { debugLog } from './log';
import type { Settings } from './settings';

export type TurnEvent =
  | { type: 'delta'; text: string; eventId?: string }
  | { type: 'session'; sessionId: string }
  | { type: 'fallback'; reason: string }
  | { type: 'function_call'; call: FunctionCall; eventId?: string }
  | { type: 'reconnecting'; attempt: number; attempts: number; delayMs: number }
  | { type: 'reconnected' }
  | { type: 'round'; request: ChatRequest }
  | { type: 'done'; usage?: Usage; notice?: string };

export interface TurnOptions {
  settings: Pick<Settings, 'endpointUrl' | 'projectId' | 'apiKey'>;
  request: ChatRequest;
  mode: ChatMode;
  signal: AbortSignal;
  onEvent: (event: TurnEvent) => void;
  fetch?: typeof fetch;
  lastEventId?: string;
  timeouts?: { firstByteMs: number; idleMs: number };
}

/** Statuses that mean "this server has no streaming route", unless the body says otherwise. */
const NO_STREAM_STATUSES = new Set([404, 405, 415, 501]);

export async function runTurn(options: TurnOptions): Promise<void> {
  if (options.mode === 'regular') return runRegular(options);
  const response = await postChat(options, 'stream');
  const decision = await decideFallback(response);
  if (decision.kind === 'stream') return relayStream(response, options);
  options.onEvent({ type: 'fallback', reason: decision.reason });
  if (decision.kind === 'use-json') return emitRegularReply(decision.reply, options);
  return runRegular(options);
}

type FallbackDecision =
  | { kind: 'stream' }
  | { kind: 'use-json'; reply: RegularReply; reason: string }
  | { kind: 'resend'; reason: string };

/** Decided from the status and headers, before any stream body is read. */
export async function decideFallback(response: Response): Promise<FallbackDecision> {
  const type = response.headers.get('content-type') ?? '';
  if (response.ok) {
    if (type.includes('text/event-stream')) return { kind: 'stream' };
    if (type.includes('json')) {
      const reply = v.safeParse(RegularReplySchema, await response.json().catch(() => undefined));
      if (reply.success) return { kind: 'use-json', reply: reply.output, reason: 'The server answered with one JSON reply instead of a stream.' };
    }
    return { kind: 'resend', reason: `The server answered with ${type || 'no content type'} instead of a stream.` };
  }
  if (NO_STREAM_STATUSES.has(response.status)) {
    const text = await response.text().catch(() => '');
    if (readErrorBody(text)?.code) throw httpError(response.status, response.statusText, text);
    return { kind: 'resend', reason: `The streaming route answered ${response.status}.` };
  }
  throw httpError(response.status, response.statusText, await response.text().catch(() => ''));
}

async function runRegular(options: TurnOptions): Promise<void> {
  const response = await postChat(options, 'regular');
  const text = await response.text();
  if (!response.ok) throw httpError(response.status, response.statusText, text);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new TurnError(`The server's reply is not JSON (${response.headers.get('content-type') || 'no content type'}) — check the Endpoint URL`, 'bad_reply');
  }
  const reply = v.safeParse(RegularReplySchema, json);
  if (!reply.success) throw new TurnError(`The server's reply does not follow the protocol: ${v.summarize(reply.issues)}`, 'bad_reply');
  emitRegularReply(reply.output, options);
}

function emitRegularReply(reply: RegularReply, { onEvent }: TurnOptions): void {
  if (reply.sessionId) onEvent({ type: 'session', sessionId: reply.sessionId });
  if (reply.content) onEvent({ type: 'delta', text: reply.content });
  for (const call of reply.functionCalls) onEvent({ type: 'function_call', call });
  onEvent({ type: 'done', usage: reply.usage });
}

async function relayStream(response: Response, { onEvent, signal }: TurnOptions): Promise<void> {
  if (!response.body) throw connectionLostError(0);
  let received = 0;
  let skipped = 0;
  try {
    for await (const { event } of readStreamEvents(response.body)) {
      if ('sessionId' in event && event.sessionId) onEvent({ type: 'session', sessionId: event.sessionId });
      switch (event.type) {
        case 'content':
          received += event.data.length;
          if (event.data) onEvent({ type: 'delta', text: event.data });
          break;
        case 'done':
          onEvent({ type: 'done', usage: event.usage, notice: skippedNotice(skipped) });
          return;
        case 'error':
          throw new TurnError(event.message, event.code);
        case 'function_call':
          onEvent({ type: 'function_call', call: { id: event.id, name: event.name, arguments: event.arguments } });
          break;
        case 'unknown':
          debugLog('stream', `ignored event of unknown type "${event.name}"`);
          break;
        case 'malformed':
          skipped += 1;
          debugLog('stream', `skipped malformed event (${event.reason})`, event.data.slice(0, 200));
          break;
      }
    }
  } catch (error) {
    if (error instanceof TurnError || signal.aborted) throw error;
    debugLog('stream', 'stream broke', error);
    throw connectionLostError(received);
  }
  throw connectionLostError(received);
}

function skippedNotice(skipped: number): string | undefined {
  if (skipped === 0) return undefined;
  return `${skipped} malformed event${skipped === 1 ? ' was' : 's were'} skipped; the reply may be incomplete.`;
}

export type PostOptions = Pick<TurnOptions, 'settings' | 'request' | 'signal' | 'fetch'>;

/** POSTs one request to the endpoint; a network failure or a redirect becomes a TurnError. */
export async function postChat({ settings, request, signal, fetch: fetchImpl = fetch }: PostOptions, mode: ChatMode): Promise<Response> {
  const url = chatUrl(settings.endpointUrl, settings.projectId, mode);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: mode === 'stream' ? 'text/event-stream' : 'application/json',
  };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  debugLog('request', `POST ${url}`, request);
  let response: Response;
  try {
    // Redirects are not followed, so the API key never travels to an address the user did not configure.
    response = await fetchImpl(url, { method: 'POST', headers, body: JSON.stringify(request), signal, redirect: 'manual', credentials: 'omit' });
  } catch (error) {
    if (signal.aborted) throw error;
    debugLog('request', 'fetch failed', error);
    throw unreachableError(url);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw new TurnError('The endpoint answered with a redirect — Sidechat does not follow redirects, so your API key stays with the configured server; set the Endpoint URL to the final address', 'redirect', response.status);
  }
  return response;
}
