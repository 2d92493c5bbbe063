import type { ServerResponse } from 'node:http';
import type { ChatMode, ErrorBody } from '../utils/contract/sidechat-wire';
import type { Headers } from './http';

/**
 * A one-shot misbehaviour for the next matching chat request, so tests can reproduce what real
 * endpoints and proxies do. Fields combine; unset fields leave the normal behaviour alone.
 */
export interface Fault {
  /** Which chat route it applies to. Default 'any'. */
  route?: ChatMode | 'any';
  /**
   * With `status` or `body` set, this canned reply replaces the normal one, whatever the request
   * (no auth or body checks). Status defaults to 200; body defaults to the protocol error shape
   * for status >= 400, else empty. An object body is sent as JSON.
   */
  status?: number;
  body?: string | object;
  /** Content-Type of the reply, canned or normal. */
  contentType?: string;
  /** Wait before sending headers. */
  delayMs?: number;
  /** Streaming pace in words per second for this reply, instead of the server's. */
  wps?: number;
  /**
   * Cut the connection after this many events, without done. The reply runs on, so a reconnect
   * with Last-Event-ID resumes it. On the regular route the connection is cut before any reply.
   */
  dropAfterEvents?: number;
  /**
   * Stream as a server that cannot resume: no `id:` lines, no `retry:`, and requestId and
   * Last-Event-ID are ignored (a reconnect would start the reply over).
   */
  noIds?: boolean;
  /** Forget the reply this request names before handling it, as if it expired: a resume gets 410. */
  gone?: boolean;
  /** Send this text verbatim as the event-stream body, then end the reply. */
  rawEvents?: string;
  /** Extra reply headers; they override the server's own. */
  headers?: Record<string, string>;
}

export class FaultQueue {
  #queue: Fault[] = [];

  push(fault: Fault): void {
    this.#queue.push(fault);
  }

  /** Removes and returns the oldest fault for `route`, if any. */
  take(route: ChatMode): Fault | undefined {
    const index = this.#queue.findIndex((fault) => (fault.route ?? 'any') === 'any' || fault.route === route);
    return index === -1 ? undefined : this.#queue.splice(index, 1)[0];
  }

  clear(): void {
    this.#queue = [];
  }
}

/** Sends the reply a fault with `status` or `body` stands for. */
export function sendCanned(res: ServerResponse, fault: Fault, headers: Headers): void {
  const status = fault.status ?? 200;
  const errorBody: ErrorBody = { error: { message: `Injected fault: ${status}`, code: 'injected_fault' } };
  const body = fault.body ?? (status >= 400 ? errorBody : '');
  const isText = typeof body === 'string';
  res.writeHead(status, {
    'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  res.end(isText ? body : JSON.stringify(body));
}
