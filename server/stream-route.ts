/**
 * The streaming route: a request with a requestId starts the reply of that name, or finds it
 * running or recently finished and reads it again (from the start, or after Last-Event-ID).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ChatRequest, StreamEvent } from '../utils/contract/sidechat-wire';
import type { Fault } from './faults';
import { HttpError, type Headers } from './http';
import { ReplyJob } from './reply-job';
import { readReply } from './reply-reader';
import { openSse, type GzipTuning, type SseStream } from './sse';
import type { ReplyEvents, ReplySource, ReplyStorage } from './storage';

export interface StreamExchange {
  req: IncomingMessage;
  res: ServerResponse;
  request: ChatRequest;
  fault: Fault;
  /** Reply headers beyond the stream's own. */
  headers: Headers;
  replies: ReplyStorage;
  keepAliveMs: number;
  retryMs: number;
  gzip?: GzipTuning;
  /**
   * Readies a new reply (its session, what it answers) and gives its events; may throw an
   * HttpError, which then comes before any reply. Not called for a reply that already exists.
   */
  prepare: () => Promise<ReplyEvents>;
  /** Called once the stream's headers are sent, with the stream (a draining server cuts it). */
  opened: (sse: SseStream) => void;
  drop: () => void;
  /** Called as the reply ends on this connection: complete, or aborted (cancelled) first. */
  ended: (complete: boolean) => void;
}

export async function serveStream(exchange: StreamExchange): Promise<void> {
  const { req, res, request, fault, replies } = exchange;
  // A server that cannot resume knows nothing of requestIds or Last-Event-ID.
  const requestId = fault.noIds ? undefined : request.requestId;
  const header = fault.noIds ? undefined : req.headers['last-event-id'];
  const lastEventId = header === undefined ? undefined : String(header);
  if (requestId !== undefined && fault.gone) await replies.forget(requestId);
  const known = requestId === undefined ? undefined : await replies.find(requestId);
  const afterId = lastEventId === undefined ? 0 : await resumePoint(lastEventId, known);
  const source = known ?? (await start(exchange, requestId));
  const sse = openSse(req, res, { keepAliveMs: exchange.keepAliveMs, retryMs: fault.noIds ? undefined : exchange.retryMs, headers: exchange.headers, gzip: exchange.gzip });
  exchange.opened(sse);
  await readReply(source, sse, { afterId, dropAfterEvents: fault.dropAfterEvents, drop: exchange.drop, ended: exchange.ended });
}

/** A new reply; when the same requestId started meanwhile (here or elsewhere), that one. */
async function start(exchange: StreamExchange, requestId: string | undefined): Promise<ReplySource> {
  const events = await exchange.prepare();
  if (requestId !== undefined) return exchange.replies.open(requestId, events);
  return new ReplyJob(events, { ids: !exchange.fault.noIds, replayable: false, detachMs: 0 });
}

async function resumePoint(lastEventId: string, source: ReplySource | undefined): Promise<number> {
  const id = /^\d{1,15}$/.test(lastEventId.trim()) ? Number(lastEventId) : Number.NaN;
  if (source && (await source.canResumeAfter(id))) return id;
  throw new HttpError(410, 'gone', 'This reply can no longer be resumed (it expired, was evicted or is unknown here); send the message again');
}
