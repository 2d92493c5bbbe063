/**
 * Joins the reply chunks the background relays in one burst — everything the stream reader
 * has parsed before the background runs its next task — into one port message. Each port
 * message costs the panel a task of its own, so a firehose of tiny chunks relayed one by one
 * keeps the panel too busy to paint. A lone chunk waits only for the current task to end.
 */
import type { PanelListener } from '../contract/port-messages';

export function batchChunks(send: PanelListener, nextTask: (callback: () => void) => void = (callback) => setTimeout(callback, 0)): PanelListener {
  let pending: { replyId: string; delta: string } | undefined;

  const flush = () => {
    if (!pending) return;
    const { replyId, delta } = pending;
    pending = undefined;
    send({ type: 'chunk', replyId, delta });
  };

  return (message) => {
    if (message.type !== 'chunk') {
      // Whatever else is said about a reply comes after its text.
      flush();
      return send(message);
    }
    if (pending && pending.replyId !== message.replyId) flush();
    if (pending) pending.delta += message.delta;
    else {
      pending = { replyId: message.replyId, delta: message.delta };
      nextTask(flush);
    }
  };
}
