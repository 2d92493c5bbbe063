/**
 * One account of a reply: how each event about it changes it. The background applies the events
 * to its record of the reply (what it saves, and what a panel that opens mid-reply is shown);
 * the panel applies the same events to what it shows. One reducer, so the two cannot drift.
 */
import { isRunning, type BackgroundMessage, type CallView, type MessageSnapshot, type MessageView } from './port-messages';

/** What happens to a reply: the background's messages that name one. */
export type ReplyEvent = Extract<BackgroundMessage, { replyId: string }>;

/** A reply's fields that its events change. */
export type ReplyFields = Pick<MessageView, 'text' | 'reasoning' | 'state' | 'usage' | 'error' | 'notice' | 'calls' | 'reconnecting'>;

/**
 * How a reply's text changed, as the source knows it: more text at the end (a stream), or a new
 * text altogether (Retry, a snapshot after a reconnect). The renderer takes it as it is told.
 */
export type TextChange = { kind: 'append'; delta: string } | { kind: 'replace'; text: string };

export interface Applied<R> {
  reply: R;
  /** Set when the event changed the text. */
  text?: TextChange;
}

/**
 * The reply after `event`. An ended reply takes no more events: Stop is shown at once, and
 * what was already on its way for the reply is dropped.
 */
export function applyReplyEvent<R extends ReplyFields>(reply: R, event: ReplyEvent): Applied<R> {
  if (!isRunning(reply.state)) return { reply };
  switch (event.type) {
    case 'chunk':
      return { reply: { ...reply, text: reply.text + event.delta, state: 'streaming', reconnecting: undefined }, text: { kind: 'append', delta: event.delta } };
    case 'reasoning':
      // A reasoning model's thinking: kept apart from the answer, so the text is unchanged.
      return { reply: { ...reply, reasoning: (reply.reasoning ?? '') + event.delta, state: 'streaming', reconnecting: undefined } };
    case 'call':
      return { reply: { ...reply, calls: upsertCall(reply.calls ?? [], event.call) } };
    case 'fallback':
      return { reply: { ...reply, notice: event.message } };
    case 'reconnecting':
      return { reply: { ...reply, reconnecting: { attempt: event.attempt, attempts: event.attempts } } };
    case 'reconnected':
      return { reply: { ...reply, reconnecting: undefined } };
    case 'done':
      return { reply: { ...reply, usage: event.usage, notice: event.notice ?? reply.notice, state: 'done', reconnecting: undefined } };
    case 'error':
      return { reply: { ...reply, error: event.message, state: 'error', reconnecting: undefined } };
    case 'stopped':
      return { reply: { ...reply, state: 'stopped', reconnecting: undefined } };
  }
}

export const isFinal = (message: BackgroundMessage): boolean => message.type === 'done' || message.type === 'error' || message.type === 'stopped';

/** The reply asked again (Retry, Regenerate): no text, no outcome. */
export function restartedReply<R extends ReplyFields>(reply: R): Applied<R> {
  const restarted = { ...reply, text: '', reasoning: undefined, state: 'pending', usage: undefined, error: undefined, notice: undefined, calls: [], reconnecting: undefined } as const;
  return { reply: restarted, text: { kind: 'replace', text: '' } };
}

/** The reply about to be asked (again), as saved: no text, no outcome. */
export function pendingReply(record: MessageSnapshot): MessageSnapshot {
  return { id: record.id, seq: record.seq, author: 'assistant', text: '', state: 'pending', prompt: record.prompt };
}

/** What is saved of a reply: everything but what only lasts while it runs. */
export function savedPart({ reconnecting: _, ...saved }: MessageView): MessageSnapshot {
  return saved;
}

/** The list with `view` replacing the call of the same id, or added at the end. */
export function upsertCall(calls: readonly CallView[], view: CallView): CallView[] {
  return calls.some((c) => c.id === view.id) ? calls.map((c) => (c.id === view.id ? view : c)) : [...calls, view];
}
