/**
 * The background's record of a reply: what a panel that opens mid-reply is shown, what is
 * saved to the history and checkpointed. The reply's messages to the panel are applied to it,
 * so the record and an open panel always agree.
 */
import { upsertCall } from './call-list';
import type { BackgroundMessage, MessageSnapshot } from './port-messages';

export function applyToRecord(record: MessageSnapshot, message: BackgroundMessage): void {
  switch (message.type) {
    case 'chunk':
      record.text += message.delta;
      record.state = 'streaming';
      break;
    case 'reasoning':
      record.reasoning = (record.reasoning ?? '') + message.delta;
      record.state = 'streaming';
      break;
    case 'call':
      record.calls = upsertCall(record.calls ?? [], message.call);
      break;
    case 'fallback':
      record.notice = message.message;
      break;
    case 'done':
      record.usage = message.usage;
      if (message.notice) record.notice = message.notice;
      record.state = 'done';
      break;
    case 'error':
      record.error = message.message;
      record.state = 'error';
      break;
    case 'stopped':
      record.state = 'stopped';
      break;
  }
}

export const isFinal = (message: BackgroundMessage): boolean => message.type === 'done' || message.type === 'error' || message.type === 'stopped';


/** The reply about to be asked (again): no text, no outcome. */
export function pendingReply(record: MessageSnapshot): MessageSnapshot {
  return { id: record.id, seq: record.seq, author: 'assistant', text: '', state: 'pending', prompt: record.prompt };
}
