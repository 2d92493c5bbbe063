import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ErrorBody } from '../utils/contract/sidechat-wire';

export type Headers = Record<string, string>;

/** A failure that becomes a protocol error reply: `{"error":{"message","code"}}` with `status`. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: string;
  /** Reply headers of their own, e.g. `Retry-After` on a 503. */
  readonly headers: Headers;

  constructor(status: number, code: string, message: string, headers: Headers = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }
}

/** How long a client is asked to wait (`Retry-After`, seconds) when this instance cannot serve. */
export const RETRY_AFTER_SECONDS = 2;

export function unavailable(message: string): HttpError {
  return new HttpError(503, 'unavailable', message, { 'Retry-After': String(RETRY_AFTER_SECONDS) });
}

/**
 * Set on every reply, errors included: the side panel's origin is never the endpoint's, and a
 * browser hides the status of a reply that lacks them, so the user would see no useful error.
 */
export function setCorsHeaders(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  res.setHeader('Access-Control-Allow-Origin', origin ?? '*');
  if (origin) res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization, Accept, Last-Event-ID');
  res.setHeader('Access-Control-Allow-Methods', 'POST, GET, OPTIONS');
  res.setHeader('Access-Control-Max-Age', '86400');
  // Chrome's Private Network Access preflight, for pages that call a server on localhost.
  if (req.headers['access-control-request-private-network'] === 'true') {
    res.setHeader('Access-Control-Allow-Private-Network', 'true');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Headers = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  sendJson(res, error.status, { error: { message: error.message, code: error.code } } satisfies ErrorBody, error.headers);
}

/**
 * The body as text, at most `limit` bytes. An oversized body is still drained before the 413 is
 * thrown: answering mid-upload makes the client see a reset instead of the 413.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) reject(new HttpError(413, 'payload_too_large', `Request body is over ${limit} bytes`));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    // Settles nothing after 'end'; otherwise a client gone mid-upload would leave this pending.
    req.on('close', () => reject(new HttpError(400, 'bad_request', 'Request body was cut off')));
  });
}

/**
 * Cuts the connection mid-reply, leaving the body unterminated as a crashed server or proxy
 * would. Waits a turn so output already queued (by gzip) reaches the socket first, and ends
 * rather than destroys the socket so that output is not discarded.
 */
export function dropConnection(res: ServerResponse): void {
  setImmediate(() => res.socket?.end());
}
