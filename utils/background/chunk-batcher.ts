/**
 * Joins the reply deltas (text chunks, or a reasoning model's thinking) the background relays in
 * one burst — everything the stream reader has parsed before the background runs its next task —
 * into one port message per kind. Each port
 * message costs the panel a task of its own, so a firehose of tiny chunks relayed one by one
 * keeps the panel too busy to paint. A lone chunk waits only for the current task to end.
 */
import type { PanelListener } from '../contract/port-messages';

export function batchChunks(send: PanelListener, nextTask: (callback: () => void) => void = (callback) => setTimeout(callback, 0)): PanelListener {
  let pending: { type: 'chunk' | 'reasoning'; replyId: string; delta: string } | undefined;

  const flush = () => {
    if (!pending) return;
    const message = pending;
    pending = undefined;
    send(message);
  };

  return (message) => {
    if (message.type !== 'chunk' && message.type !== 'reasoning') {
      // Whatever else is said about a reply comes after its text.
      flush();
      return send(message);
    }
    if (pending && (pending.replyId !== message.replyId || pending.type !== message.type)) flush();
    if (pending) pending.delta += message.delta;
    else {
      pending = { type: message.type, replyId: message.replyId, delta: message.delta };
      nextTask(flush);
    }
  };
}
