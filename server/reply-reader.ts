import type { SseStream } from './sse';
import type { ReplySource } from './storage';

export interface ReaderPlan {
  /** Start after this event id; 0 replays from the start. */
  afterId: number;
  /** Cut this connection instead of sending event number N+1 (or the reply's last event). */
  dropAfterEvents?: number;
  drop: () => void;
  /**
   * Called as the reply ends on this connection: `complete` when every event, the last (done or
   * error) included, is on its way; not when it was aborted first (a cancel, say).
   */
  ended?: (complete: boolean) => void;
}

/** Replays of a long reply go out in writes of about this size, not one write per event. */
const BATCH_BYTES = 64 * 1024;

/**
 * Sends a reply to one connection: what it has missed after `afterId`, then each event as it
 * comes, until the reply ends or the connection goes. The reply itself runs on either way.
 */
export async function readReply(job: ReplySource, sse: SseStream, plan: ReaderPlan): Promise<void> {
  const leave = job.attach();
  void sse.whenClosed.then(() => job.notify());
  const cutting = plan.dropAfterEvents !== undefined;
  let cursor = plan.afterId;
  let sent = 0;
  try {
    while (!sse.closed) {
      const frames = await job.framesAfter(cursor, BATCH_BYTES);
      // Fell behind frames the buffer bound trimmed: only a cut lets the client find that out (410).
      if (frames === undefined) return plan.drop();
      const batch = cutting ? frames.slice(0, sendable(job, plan.dropAfterEvents! - sent, cursor)) : frames;
      if (batch.length > 0) {
        await sse.write(batch.join(''));
        cursor += batch.length;
        sent += batch.length;
        job.markTaken(cursor);
        continue;
      }
      // What is left is what this connection may not have.
      if (cutting && (frames.length > 0 || job.ended)) return plan.drop();
      if (job.ended) {
        plan.ended?.(job.finalId !== undefined);
        return sse.end();
      }
      await job.changed(cursor);
    }
  } finally {
    leave();
  }
}

/** How many of the next frames a connection that is to be cut may still get: never the last. */
function sendable(job: ReplySource, left: number, cursor: number): number {
  return job.finalId === undefined ? left : Math.min(left, job.finalId - cursor - 1);
}
