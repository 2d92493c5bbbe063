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
import type { ReplyStore } from './reply-store';
import { openSse } from './sse';

export interface StreamExchange {
  req: IncomingMessage;
  res: ServerResponse;
  request: ChatRequest;
  fault: Fault;
  /** Reply headers beyond the stream's own. */
  headers: Headers;
  replies: ReplyStore;
  keepAliveMs: number;
  retryMs: number;
  /** The events of a new reply; may throw an HttpError, which then comes before any reply. */
  events: (signal: AbortSignal) => AsyncIterable<StreamEvent>;
  /** Called once the stream's headers are sent. */
  opened: () => void;
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
  if (requestId !== undefined && fault.gone) replies.forget(requestId);
  const known = requestId === undefined ? undefined : replies.get(requestId);
  const afterId = lastEventId === undefined ? 0 : resumePoint(lastEventId, known);
  const job =
    known ??
    (requestId === undefined
      ? new ReplyJob(exchange.events, { ids: !fault.noIds, replayable: false, detachMs: 0 })
      : replies.start(requestId, exchange.events));
  const sse = openSse(req, res, { keepAliveMs: exchange.keepAliveMs, retryMs: fault.noIds ? undefined : exchange.retryMs, headers: exchange.headers });
  exchange.opened();
  await readReply(job, sse, { afterId, dropAfterEvents: fault.dropAfterEvents, drop: exchange.drop, ended: exchange.ended });
}

function resumePoint(lastEventId: string, job: ReplyJob | undefined): number {
  const id = /^\d{1,15}$/.test(lastEventId.trim()) ? Number(lastEventId) : Number.NaN;
  if (job?.canResumeAfter(id)) return id;
  throw new HttpError(410, 'gone', 'This reply can no longer be resumed (it expired, was evicted or is unknown here); send the message again');
}
