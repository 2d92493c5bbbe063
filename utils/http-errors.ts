/** Turns HTTP and network failures into sentences a person can act on. */
import * as v from 'valibot';
import { isLoopbackHost } from './host-permission';
import { ErrorBodySchema } from './protocol';

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

const ADVICE: Record<number, string> = {
  401: 'check the API key in Options',
  403: "check the API key and Project ID in Options; a server that checks the Origin header must allow the extension's origin",
  404: 'check the Endpoint URL and Project ID in Options',
  429: 'the server is rate-limiting; wait a moment, then Retry',
  502: 'a proxy could not reach the server; Retry in a moment',
  503: 'the server is busy or starting; Retry in a moment',
  504: 'a proxy timed out waiting for the server; Retry in a moment',
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

export function httpError(status: number, statusText: string, bodyText: string): TurnError {
  const body = readErrorBody(bodyText);
  const head = `${status} ${statusText || REASONS[status] || 'Error'}`;
  const parts = [head];
  if (body?.message) parts.push(body.message);
  const advice = ADVICE[status] ?? (status >= 500 ? 'the server failed; Retry, or check its logs' : undefined);
  if (advice) parts.push(advice);
  return new TurnError(parts.join(' — '), body?.code, status);
}

/**
 * fetch rejects with a bare TypeError whether the connection was refused, the name did not
 * resolve or the certificate was refused; the address tells which causes are likely.
 */
export function unreachableError(url: string): TurnError {
  const { host, hostname, protocol } = new URL(url);
  let advice: string;
  if (isLoopbackHost(hostname)) {
    advice = 'is the server running? Start the reference endpoint with npm start (or npm run server) in the Sidechat folder';
  } else if (protocol === 'https:') {
    advice = `is the server running, and is the host name right? If it uses a self-signed certificate, open https://${host} in a tab once and accept it, or give it a trusted certificate`;
  } else {
    advice = 'is the server running, is the host name right, and can this computer reach it?';
  }
  return new TurnError(`Could not reach ${host} — ${advice}`, 'unreachable');
}

export function connectionLostError(receivedChars: number): TurnError {
  return new TurnError(
    `Connection lost after ${receivedChars.toLocaleString('en-US')} characters — the text so far is kept; Retry to ask again`,
    'connection_lost',
  );
}
