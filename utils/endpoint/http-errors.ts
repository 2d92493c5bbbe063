/** Turns HTTP and network failures into sentences a person can act on. */
import * as v from 'valibot';
import { isLoopbackHost } from '../host-permission';
import { t, type MessageKey } from '../i18n';
import { ErrorBodySchema } from '../contract/sidechat-wire';

export class TurnError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TurnError';
  }
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

const ADVICE: Record<number, MessageKey> = {
  401: 'adviceUnauthorized',
  403: 'adviceForbidden',
  404: 'adviceNotFound',
  429: 'adviceRateLimited',
  502: 'adviceBadGateway',
  503: 'adviceUnavailable',
  504: 'adviceGatewayTimeout',
};

/** The protocol error body `{"error":{"message","code"}}`, if the text is one. */
export function readErrorBody(text: string): { message: string; code?: string } | undefined {
  try {
    const parsed = v.safeParse(ErrorBodySchema, JSON.parse(text));
    return parsed.success ? parsed.output.error : undefined;
  } catch {
    return undefined;
  }
}

/** `advice` replaces the advice for the status, when the caller knows better (a time to come back). */
export function httpError(status: number, statusText: string, bodyText: string, advice?: string): TurnError {
  const body = readErrorBody(bodyText);
  const head = `${status} ${statusText || REASONS[status] || 'Error'}`;
  const parts = [head];
  if (body?.message) parts.push(body.message);
  const adviceKey = ADVICE[status] ?? (status >= 500 ? 'adviceServerFailed' : undefined);
  advice ??= adviceKey && t(adviceKey);
  if (advice) parts.push(advice);
  return new TurnError(parts.join(' — '), body?.code, status);
}

/**
 * fetch rejects with a bare TypeError whether the connection was refused, the name did not
 * resolve or the certificate was refused; the address tells which causes are likely.
 */
export function unreachableError(url: string): TurnError {
  const { host, hostname, protocol } = new URL(url);
  const key: MessageKey = isLoopbackHost(hostname) ? 'unreachableLoopback' : protocol === 'https:' ? 'unreachableHttps' : 'unreachableOther';
  return new TurnError(t(key, host), 'unreachable');
}

export function connectionLostError(receivedChars: number): TurnError {
  return new TurnError(
    t('connectionLostAfter', receivedChars.toLocaleString('en-US')),
    'connection_lost',
  );
}

export function redirectError(status: number): TurnError {
  return new TurnError(t('errorRedirect'), 'redirect', status);
}

/** No response headers within the first-byte timeout, after every retry. */
export function firstByteTimeoutError(url: string, timeoutMs: number): TurnError {
  return new TurnError(t('errorFirstByteTimeout', new URL(url).host, Math.round(timeoutMs / 1000)), 'first_byte_timeout');
}

/** A resume answered 410: the server's replay buffer for this reply has expired. */
export function goneError(): TurnError {
  return new TurnError(t('errorGone'), 'gone', 410);
}

/** A drop the server cannot resume from (no event ids): asking again would repeat the reply. */
export function interruptedError(): TurnError {
  return new TurnError(t('errorInterrupted'), 'interrupted');
}
