/** Turns HTTP and network failures into sentences a person can act on. */
import { isLoopbackHost } from '../host-permission';
import { t, type MessageKey } from '../i18n';

/** The codes the extension gives the failures it names itself; the engine and the panel branch on these. */
export type InternalErrorCode =
  | 'unreachable'
  | 'first_byte_timeout'
  | 'connection_lost'
  | 'redirect'
  | 'gone'
  | 'interrupted'
  | 'retry_later'
  | 'bad_reply'
  | 'busy';

/**
 * A failure's code: one of ours, or the server's own `error.code`, passed on as it came (other
 * servers send codes of their own, so the wire's code is an open string).
 */
export type ErrorCode = InternalErrorCode | (string & {});

export class TurnError extends Error {
  constructor(
    message: string,
    readonly code?: ErrorCode,
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

export interface HttpRefusal {
  status: number;
  statusText: string;
  /** The server's error body, as its protocol reads it. */
  body?: { message: string; code?: string };
  /** Advice keys that differ from the general ones for this endpoint's protocol. */
  adviceFor?: Partial<Record<number, MessageKey>>;
}

/** `advice` replaces the advice for the status, when the caller knows better (a time to come back). */
export function httpError({ status, statusText, body, adviceFor }: HttpRefusal, advice?: string): TurnError {
  const head = `${status} ${statusText || REASONS[status] || 'Error'}`;
  const parts = [head];
  if (body?.message) parts.push(body.message);
  const adviceKey = adviceFor?.[status] ?? ADVICE[status] ?? (status >= 500 ? 'adviceServerFailed' : undefined);
  advice ??= adviceKey && t(adviceKey);
  if (advice) parts.push(advice);
  return new TurnError(parts.join(' — '), body?.code, status);
}

/**
 * fetch rejects with a bare TypeError whether the connection was refused, the name did not
 * resolve or the certificate was refused; the address tells which causes are likely.
 */
export function unreachableError(url: string, loopbackKey: MessageKey = 'unreachableLoopback'): TurnError {
  const { host, hostname, protocol } = new URL(url);
  const key: MessageKey = isLoopbackHost(hostname) ? loopbackKey : protocol === 'https:' ? 'unreachableHttps' : 'unreachableOther';
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
