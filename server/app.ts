import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, type ChatMode } from '../utils/contract/sidechat-wire';
import { regularReply, streamEvents, type ChatTurn } from './chat';
import { turnInput } from './reply-round';
import { FaultQueue, sendCanned, type Fault } from './faults';
import { dropConnection, HttpError, readBody, sendError, sendJson, setCorsHeaders, unavailable, type Headers } from './http';
import { ReplyStore, type ReplayLimits } from './reply-store';
import { StorageUnavailableError, type ReplyStorage, type SessionStorage } from './storage';
import { RequestLog, type RequestRecord } from './request-log';
import { demoResponder } from './responders/demo';
import type { Responder } from './responders/types';
import { SessionStore } from './sessions';
import { decodeProjectId, parseJson, validate, validateCancel } from './parse';
import { openSse, type GzipTuning } from './sse';
import { serveStream } from './stream-route';
import { sendLanding } from './landing';

export type { Fault } from './faults';
export type { ReplayLimits, ReplyStore } from './reply-store';
export type { RequestLog, RequestRecord } from './request-log';
export type { Responder } from './responders/types';

export interface SidechatServerOptions {
  /** When set, chat requests must carry `Authorization: Bearer {apiKey}`. */
  apiKey?: string;
  /** Streaming pace in words per second; 0 sends as fast as possible. Default 30. */
  wps?: number;
  /** Silence after which a stream gets a keep-alive comment. Default 15000; 0 disables. */
  keepAliveMs?: number;
  responder?: Responder;
  /** Default 1 MB. */
  maxBodyBytes?: number;
  /** The reconnection delay a stream asks of clients (`retry:`). Default 1000. */
  retryMs?: number;
  /** How long and how much of each reply is kept for resuming (see ReplayLimits for defaults). */
  replay?: Partial<ReplayLimits>;
  /**
   * Shared state for many instances behind a load balancer (`server/redis/`); `replay` then
   * does not apply. Default: this process's memory.
   */
  storage?: { replies: ReplyStorage; sessions: SessionStorage };
  /** The deflate state of a gzipped stream; default SSE_GZIP (small, for many streams). */
  gzip?: GzipTuning;
}

export interface SidechatServer {
  server: Server;
  /** Port 0 (the default) picks a free port; host defaults to 127.0.0.1. */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops listening and cuts open connections, streams included. */
  close(): Promise<void>;
  /**
   * Graceful shutdown: stops taking requests (503), lets running replies finish for up to
   * `deadlineMs`, then closes. With shared storage, open streams are cut at once so their
   * readers resume on another instance while the replies finish here.
   */
  drain(deadlineMs: number): Promise<void>;
  /** Queues a one-shot fault for the next matching chat request. */
  inject(fault: Fault): void;
  clearFaults(): void;
  requests: RequestLog;
  /** Replies that can be resumed, by requestId. */
  replies: ReplyStorage;
}

// Any path prefix is accepted before API_PREFIX, like an endpoint mounted under a sub-path.
const CHAT_ROUTE = new RegExp(`${API_PREFIX}/([^/]+)/chat(/stream)?$`);
const CANCEL_ROUTE = new RegExp(`${API_PREFIX}/([^/]+)/chat/stream/cancel$`);

export function createSidechatServer(options: SidechatServerOptions = {}): SidechatServer {
  const { apiKey, wps = 30, keepAliveMs = 15_000, responder = demoResponder, maxBodyBytes = 1024 * 1024, retryMs = 1000 } = options;
  const sessions = options.storage?.sessions ?? new SessionStore();
  const replies = options.storage?.replies ?? new ReplyStore(options.replay);
  const faults = new FaultQueue();
  const requests = new RequestLog();
  /** How to cut each open stream, for a drain that hands its readers to another instance. */
  const openStreams = new Set<() => void>();
  let draining = false;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : asHttpError(error);
      if (!res.headersSent) sendError(res, httpError);
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCorsHeaders(req, res);
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    if (req.method === 'GET' && /(^|\/)health$/.test(pathname)) {
      return sendJson(res, draining ? 503 : 200, { ok: !draining, name: 'sidechat-reference' });
    }
    if (draining) {
      res.setHeader('Connection', 'close');
      throw unavailable('This server instance is shutting down; try again');
    }
    if (req.method === 'GET' && pathname === '/') return sendLanding(req, res);
    if (req.method === 'POST' && CANCEL_ROUTE.test(pathname)) return cancel(req, res);
    const match = CHAT_ROUTE.exec(pathname);
    if (!match) throw new HttpError(404, 'not_found', `No route for ${req.method} ${pathname}`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST, OPTIONS');
      throw new HttpError(405, 'method_not_allowed', `Use POST for ${pathname}`);
    }
    const projectId = decodeProjectId(match[1]);
    await chat(req, res, match[2] ? 'stream' : 'regular', projectId);
  }

  function authorize(req: IncomingMessage): void {
    if (apiKey !== undefined && req.headers.authorization !== `Bearer ${apiKey}`) {
      throw new HttpError(401, 'unauthorized', 'Missing or wrong API key');
    }
  }

  /** Stop, as opposed to a drop: the reply is aborted and forgotten, so its turn is never recorded. */
  async function cancel(req: IncomingMessage, res: ServerResponse): Promise<void> {
    authorize(req);
    replies.forget(validateCancel(parseJson(await readBody(req, maxBodyBytes))));
    res.writeHead(204).end();
  }

  async function chat(req: IncomingMessage, res: ServerResponse, route: ChatMode, projectId: string): Promise<void> {
    const record = requests.add({ route, projectId, headers: req.headers, body: undefined, ended: false, closedByClient: false });
    // The connection's own: a regular reply and an injected delay end with it; a stream's reply need not.
    const controller = new AbortController();
    let dropped = false;
    // How a stream's reply ended: a client may hang up as soon as it has read the last event,
    // before the response's end (not early); a cancelled one ends without it (early, by the client).
    let streamEnd: 'complete' | 'cancelled' | undefined;
    res.on('close', () => {
      const early = !res.writableFinished;
      if (early) controller.abort();
      requests.update(record, {
        ended: true,
        closedByClient: !dropped && streamEnd !== 'complete' && (early || streamEnd === 'cancelled'),
        status: res.headersSent ? res.statusCode : undefined,
      });
    });
    const drop = () => {
      dropped = true;
      dropConnection(res);
    };

    const text = await readBody(req, maxBodyBytes);
    const parsed = parseJson(text);
    requests.update(record, { body: 'json' in parsed ? parsed.json : text });

    const fault = faults.take(route) ?? {};
    if (fault.delayMs) await sleep(fault.delayMs, undefined, { signal: controller.signal }).catch(() => {});
    if (controller.signal.aborted) return;
    const headers: Headers = { ...(fault.contentType ? { 'Content-Type': fault.contentType } : {}), ...fault.headers };

    if (fault.status !== undefined || fault.body !== undefined) return sendCanned(res, fault, headers);
    if (fault.rawEvents !== undefined) {
      const sse = openSse(req, res, { keepAliveMs, headers });
      markSent(record, res);
      await sse.write(fault.rawEvents);
      return sse.end();
    }
    authorize(req);
    const request = validate(parsed);
    const turn = async (): Promise<(signal: AbortSignal) => ChatTurn> => {
      const session = await sessions.resolve(request.sessionId);
      const abandoned = request.message !== undefined && session.pending !== undefined;
      const input = turnInput(request, session);
      if (abandoned) await sessions.save(session);
      return (signal) => ({ request, input, session, sessions, responder, signal });
    };
    if (route === 'regular') {
      if (fault.dropAfterEvents !== undefined) return drop();
      return regularReply(res, (await turn())(controller.signal), headers);
    }
    await serveStream({
      req,
      res,
      request,
      fault,
      headers,
      replies,
      keepAliveMs,
      retryMs,
      gzip: options.gzip,
      prepare: async () => {
        const ready = await turn();
        return (signal) => streamEvents(ready(signal), fault.wps ?? wps);
      },
      opened: () => {
        markSent(record, res);
        openStreams.add(drop);
        res.once('close', () => openStreams.delete(drop));
      },
      drop,
      ended: (complete) => (streamEnd = complete ? 'complete' : 'cancelled'),
    });
  }

  /** Streams stay open long after their headers; tests wait on the status meanwhile. */
  function markSent(record: RequestRecord, res: ServerResponse): void {
    requests.update(record, { status: res.statusCode });
  }

  async function close(): Promise<void> {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await replies.close();
    await closed;
  }

  return {
    server,
    listen(port = 0, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const actual = (server.address() as AddressInfo).port;
          resolve({ url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`, port: actual });
        });
      });
    },
    close,
    async drain(deadlineMs) {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (options.storage) for (const cut of openStreams) cut();
      const deadline = sleep(deadlineMs, undefined, { ref: false });
      await Promise.race([replies.whenIdle(), deadline]);
      // Memory mode: the readers are on this instance; give their last events a moment to leave.
      await Promise.race([new Promise((resolve) => server.close(resolve)), deadline]);
      await close();
    },
    inject: (fault) => faults.push(fault),
    clearFaults: () => faults.clear(),
    requests,
    replies,
  };
}

function asHttpError(error: unknown): HttpError {
  if (error instanceof StorageUnavailableError) return unavailable(error.message);
  return new HttpError(500, 'internal', String(error));
}
