/**
 * One message on the panel's screen, as signals: a chunk re-renders its message, not the
 * conversation. Built fresh for a question the user sends, or from the background's snapshot.
 */
import { batch, signal, type Signal } from '@preact/signals';
import { isRunning, type CallView, type MessageSnapshot, type MessageState } from '../contract/port-messages';
import type { Usage } from '../contract/sidechat-wire';

export interface ChatMessage {
  id: string;
  author: 'user' | 'assistant';
  /** Order in the saved conversation; unknown until the background has saved it. */
  seq?: number;
  text: Signal<string>;
  /** A reasoning model's thinking, shown apart (collapsed) from the answer. */
  reasoning: Signal<string>;
  state: Signal<MessageState>;
  usage: Signal<Usage | undefined>;
  error: Signal<string | undefined>;
  notice: Signal<string | undefined>;
  /** For an assistant message: the page functions it called (and "Share this page"), in order. */
  calls: Signal<CallView[]>;
  /** While the endpoint connection is being re-established: which try this is. */
  reconnecting: Signal<{ attempt: number; attempts: number } | undefined>;
  /** For an assistant message: the user text it answers, asked again by Retry. */
  prompt: string;
}

export function makeMessage(id: string, author: ChatMessage['author'], text: string, state: MessageState, prompt = ''): ChatMessage {
  return {
    id,
    author,
    text: signal(text),
    reasoning: signal(''),
    state: signal(state),
    usage: signal(undefined),
    error: signal(undefined),
    notice: signal(undefined),
    calls: signal([]),
    reconnecting: signal(undefined),
    prompt,
  };
}

export function messageFromSnapshot(snapshot: MessageSnapshot): ChatMessage {
  const message = makeMessage(snapshot.id, snapshot.author, '', snapshot.state, snapshot.prompt);
  applySnapshot(message, snapshot);
  return message;
}

/** Brings a message on screen up to the background's account of it; unchanged signals stay quiet. */
export function applySnapshot(message: ChatMessage, snapshot: MessageSnapshot): void {
  message.seq = snapshot.seq;
  batch(() => {
    message.text.value = snapshot.text;
    message.reasoning.value = snapshot.reasoning ?? '';
    // Stop is shown at once; the background's word on it may still be on its way.
    if (message.state.value !== 'stopped' || !isRunning(snapshot.state)) message.state.value = snapshot.state;
    message.usage.value = snapshot.usage;
    message.error.value = snapshot.error;
    message.notice.value = snapshot.notice;
    message.calls.value = snapshot.calls ?? [];
    if (!isRunning(snapshot.state)) message.reconnecting.value = undefined;
  });
}
