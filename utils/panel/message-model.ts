/**
 * One message on the panel's screen, as signals: a chunk re-renders its message, not the
 * conversation. Built fresh for a question the user sends, or from the background's snapshot.
 * A reply changes only through the reply reducer (utils/contract/reply-reducer.ts), the same
 * one the background's record goes through.
 */
import { batch, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { isRunning, type CallView, type MessageState, type MessageView, type Reconnecting } from '../contract/port-messages';
import type { Usage } from '../contract/sidechat-wire';
import { applyReplyEvent, restartedReply, type Applied, type ReplyEvent, type ReplyFields, type TextChange } from '../contract/reply-reducer';

export type TextListener = (change: TextChange) => void;

export interface ChatMessage {
  id: string;
  author: 'user' | 'assistant';
  /** Order in the saved conversation; unknown until the background has saved it. */
  seq?: number;
  /** The whole text. How it changes, appended to or replaced, is told to `onTextChange` listeners. */
  text: ReadonlySignal<string>;
  /** A reasoning model's thinking, shown apart (collapsed) from the answer. */
  reasoning: Signal<string>;
  state: Signal<MessageState>;
  usage: Signal<Usage | undefined>;
  error: Signal<string | undefined>;
  notice: Signal<string | undefined>;
  /** For an assistant message: the page functions it called (and "Share this page"), in order. */
  calls: Signal<CallView[]>;
  /** While the endpoint connection is being re-established: which try this is. */
  reconnecting: Signal<Reconnecting | undefined>;
  /** For an assistant message: the user text it answers, asked again by Retry. */
  prompt: string;
  /** Hears every change to the text, in order, as it is made; returns the unsubscribe. */
  onTextChange(listener: TextListener): () => void;
  /** Changes the text and tells the listeners how. */
  changeText(change: TextChange): void;
}

export function makeMessage(id: string, author: ChatMessage['author'], initialText: string, state: MessageState, prompt = ''): ChatMessage {
  const text = signal(initialText);
  const listeners = new Set<TextListener>();
  return {
    id,
    author,
    text,
    reasoning: signal(''),
    state: signal(state),
    usage: signal(undefined),
    error: signal(undefined),
    notice: signal(undefined),
    calls: signal([]),
    reconnecting: signal(undefined),
    prompt,
    onTextChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    changeText(change) {
      if (change.kind === 'replace' && change.text === text.peek()) return;
      text.value = change.kind === 'append' ? text.peek() + change.delta : change.text;
      for (const listener of listeners) listener(change);
    },
  };
}

export function messageFromSnapshot(snapshot: MessageView): ChatMessage {
  const message = makeMessage(snapshot.id, snapshot.author, '', snapshot.state, snapshot.prompt);
  applySnapshot(message, snapshot);
  return message;
}

/** The reply as the reducer sees it, read from its signals. */
function fieldsOf(message: ChatMessage): ReplyFields {
  return {
    text: message.text.peek(),
    reasoning: message.reasoning.peek() || undefined,
    state: message.state.peek(),
    usage: message.usage.peek(),
    error: message.error.peek(),
    notice: message.notice.peek(),
    calls: message.calls.peek(),
    reconnecting: message.reconnecting.peek(),
  };
}

/** Writes what the reducer made of the reply back into its signals; unchanged ones stay quiet. */
function show(message: ChatMessage, { reply, text }: Applied<ReplyFields>): void {
  batch(() => {
    if (text) message.changeText(text);
    message.reasoning.value = reply.reasoning ?? '';
    message.state.value = reply.state;
    message.usage.value = reply.usage;
    message.error.value = reply.error;
    message.notice.value = reply.notice;
    message.calls.value = reply.calls ?? [];
    message.reconnecting.value = reply.reconnecting;
  });
}

/** Applies one event about a reply, through the reducer the background's record goes through. */
export function applyEvent(message: ChatMessage, event: ReplyEvent): void {
  show(message, applyReplyEvent(fieldsOf(message), event));
}

/** The reply is asked again: empty, pending. */
export function restart(message: ChatMessage): void {
  show(message, restartedReply(fieldsOf(message)));
}

/** Brings a message on screen up to the background's account of it; unchanged signals stay quiet. */
export function applySnapshot(message: ChatMessage, snapshot: MessageView): void {
  message.seq = snapshot.seq;
  // Stop is shown at once; the background's word on it may still be on its way.
  const state = message.state.peek() === 'stopped' && isRunning(snapshot.state) ? 'stopped' : snapshot.state;
  const reconnecting = isRunning(state) ? snapshot.reconnecting : undefined;
  show(message, { reply: { ...snapshot, state, reconnecting }, text: { kind: 'replace', text: snapshot.text } });
}
