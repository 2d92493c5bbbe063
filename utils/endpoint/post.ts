/**
 * One POST to the endpoint: the request as a protocol describes it, with no redirects followed and
 * no cookies, and the first-byte timeout. Network failures and redirects become TurnErrors.
 */
import { firstByteTimeoutError, redirectError, unreachableError } from './http-errors';
import { debugLog } from '../log';
import type { PostSpec } from './wire-protocol';

/**
 * A JSON POST. Redirects are not followed, so the API key never travels to an address the user
 * did not configure; no cookies go along.
 */
export function postInit(spec: PostSpec, signal: AbortSignal): RequestInit {
  const headers = { 'Content-Type': 'application/json', ...spec.headers };
  return { method: 'POST', headers, body: JSON.stringify(spec.body), signal, redirect: 'manual', credentials: 'omit' };
}

/** POSTs one request; a network failure or a redirect becomes a TurnError. */
export async function postRequest(spec: PostSpec, signal: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<Response> {
  const { url } = spec;
  const lastEventId = spec.headers['Last-Event-ID'];
  debugLog('request', `POST ${url}`, lastEventId === undefined ? spec.body : { lastEventId, request: spec.body });
  let response: Response;
  try {
    response = await fetchImpl(url, postInit(spec, signal));
  } catch (error) {
    if (signal.aborted) throw error;
    debugLog('request', 'fetch failed', error);
    throw unreachableError(url, spec.unreachableHint);
  }
  if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
    throw redirectError(response.status);
  }
  return response;
}

/** A response and the means to end its request: the abort reaches the fetch, whoever ends it. */
export interface Connection {
  response: Response;
  /** Aborted by Stop, a timeout or release: the body must end then too. */
  signal: AbortSignal;
  release(): void;
}

/** One POST with the first-byte timeout; the Stop signal (`outer`) and the timeout both abort its fetch. */
export async function openConnection(spec: PostSpec, outer: AbortSignal, firstByteMs: number, fetchImpl?: typeof fetch): Promise<Connection> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer.reason);
  outer.addEventListener('abort', onAbort, { once: true });
  const release = () => {
    outer.removeEventListener('abort', onAbort);
    controller.abort();
  };
  if (outer.aborted) onAbort();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(firstByteTimeoutError(spec.url, firstByteMs));
    }, firstByteMs);
  });
  try {
    const request = postRequest(spec, controller.signal, fetchImpl);
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

/** The API key as a bearer token, when there is one. */
export function withKey(apiKey: string, headers: Record<string, string>): Record<string, string> {
  return apiKey ? { ...headers, Authorization: `Bearer ${apiKey}` } : headers;
}

/** A successful answer that is a server-sent-event stream. */
export const isEventStream = (response: Response) => response.ok && (response.headers.get('content-type') ?? '').includes('text/event-stream');
