/**
 * The panel takes the background's account of its conversation as the truth: on every (re)open,
 * and for each page of older messages. Messages it already shows keep their signals (and so
 * their rendered DOM); a question the background never got is kept and sent again.
 */
import { batch } from '@preact/signals';
import type { MessageView, PanelMessage } from '../contract/port-messages';
import { applySnapshot, messageFromSnapshot } from './message-model';
import type { ShownConversation } from './shown-conversation';

export type SendMessage = Extract<PanelMessage, { type: 'send' }>;

/** The background's account of a conversation replaces what is on screen, keeping each message's signals. */
export function reconcile(shown: ShownConversation, account: { id: string | undefined; messages: MessageView[]; hasOlder: boolean }, lastSend: SendMessage | undefined, post: (message: PanelMessage) => void): void {
  const { messages } = shown;
  const onScreen = new Map(messages.value.map((m) => [m.id, m]));
  const next = account.messages.map((snapshot) => {
    const known = onScreen.get(snapshot.id);
    if (!known) return messageFromSnapshot(snapshot);
    applySnapshot(known, snapshot);
    return known;
  });
  // Not in the background's account: sent while it was going away, or just after it wrote this
  // account. Keep it and send it again; the background takes a send it already has only once.
  const unsent = shown.activeReply.value;
  const sameConversation = account.id === shown.conversationId.value || shown.conversationId.value === undefined;
  if (unsent && sameConversation && lastSend?.replyId === unsent.id && !account.messages.some((s) => s.id === unsent.id)) {
    const question = messages.value[messages.value.indexOf(unsent) - 1];
    if (question?.author === 'user') {
      next.push(question, unsent);
      post(lastSend);
    }
  }
  batch(() => {
    shown.conversationId.value = account.id;
    shown.hasOlder.value = account.hasOlder;
    messages.value = next;
  });
}

/** A page of older messages goes above the first one shown, if it is still the same conversation. */
export function showOlder(shown: ShownConversation, id: string, snapshots: MessageView[], older: boolean): void {
  shown.loadingOlder.value = false;
  if (id !== shown.conversationId.value) return;
  const onScreen = new Set(shown.messages.value.map((m) => m.id));
  batch(() => {
    shown.messages.value = [...snapshots.filter((s) => !onScreen.has(s.id)).map(messageFromSnapshot), ...shown.messages.value];
    shown.hasOlder.value = older;
  });
}
