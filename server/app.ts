import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { API_PREFIX, type ChatMode } from '../utils/contract/sidechat-wire';
import { regularReply, streamEvents, type ChatTurn } from './chat';
import { turnInput } from './reply-round';
import { FaultQueue, sendCanned, type Fault } from './faults';
import { dropConnection, HttpError, readBody, sendError, sendJson, setCorsHeaders, type Headers } from './http';
import { ReplyStore, type ReplayLimits } from './reply-store';
import { RequestLog, type RequestRecord } from './request-log';
import { demoResponder } from './responders/demo';
import type { Responder } from './responders/types';
import { SessionStore } from './sessions';
import { decodeProjectId, parseJson, validate, validateCancel } from './parse';
import { openSse } from './sse';
import { serveStream } from './stream-route';

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
}

export interface SidechatServer {
  server: Server;
  /** Port 0 (the default) picks a free port; host defaults to 127.0.0.1. */
  listen(port?: number, host?: string): Promise<{ url: string; port: number }>;
  /** Stops listening and cuts open connections, streams included. */
  close(): Promise<void>;
  /** Queues a one-shot fault for the next matching chat request. */
  inject(fault: Fault): void;
  clearFaults(): void;
  requests: RequestLog;
  /** Replies that can be resumed, by requestId. */
  replies: ReplyStore;
}

// Any path prefix is accepted before API_PREFIX, like an endpoint mounted under a sub-path.
const CHAT_ROUTE = new RegExp(`${API_PREFIX}/([^/]+)/chat(/stream)?$`);
const CANCEL_ROUTE = new RegExp(`${API_PREFIX}/([^/]+)/chat/stream/cancel$`);

export function createSidechatServer(options: SidechatServerOptions = {}): SidechatServer {
  const { apiKey, wps = 30, keepAliveMs = 15_000, responder = demoResponder, maxBodyBytes = 1024 * 1024, retryMs = 1000 } = options;
  const sessions = new SessionStore();
  const replies = new ReplyStore(options.replay);
  const faults = new FaultQueue();
  const requests = new RequestLog();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const httpError = error instanceof HttpError ? error : new HttpError(500, 'internal', String(error));
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
      return sendJson(res, 200, { ok: true, name: 'sidechat-reference' });
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
    const turn = (signal: AbortSignal): ChatTurn => {
      const session = sessions.resolve(request.sessionId);
      return { request, input: turnInput(request, session), session, sessions, responder, signal };
    };
    if (route === 'regular') {
      if (fault.dropAfterEvents !== undefined) return drop();
      return regularReply(res, turn(controller.signal), headers);
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
      events: (signal) => streamEvents(turn(signal), fault.wps ?? wps),
      opened: () => markSent(record, res),
      drop,
      ended: (complete) => (streamEnd = complete ? 'complete' : 'cancelled'),
    });
  }

  /** Streams stay open long after their headers; tests wait on the status meanwhile. */
  function markSent(record: RequestRecord, res: ServerResponse): void {
    requests.update(record, { status: res.statusCode });
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
    close() {
      return new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
        replies.close();
      });
    },
    inject: (fault) => faults.push(fault),
    clearFaults: () => faults.clear(),
    requests,
    replies,
  };
}

/** `npm start` opens the server's root in the browser, so say there what this is and how to use it. */
function sendLanding(req: IncomingMessage, res: ServerResponse): void {
  const endpoint = `http://${req.headers.host ?? '127.0.0.1:8787'}`;
  const text = [
    'Sidechat reference endpoint: it is running.',
    '',
    `In Sidechat's Options, set Endpoint URL to ${endpoint} and Project ID to demo (any ID works).`,
    'Then open the Sidechat side panel and try "show me markdown", "help" or "count to 100".',
    '',
    'The wire protocol is described in docs/protocol.md.',
  ].join('\n');
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}
