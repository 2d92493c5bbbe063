/**
 * What the user does to the panel's replies (send, stop, retry, take back, answer a prompt), and
 * the background's events about them, applied through the reply reducer. Chunks arriving faster
 * than the screen repaints are joined per frame (chunk-coalescer.ts).
 */
import { batch } from '@preact/signals';
import { isRunning, type ConsentDecision, type PanelMessage } from '../contract/port-messages';
import { upsertCall, type ReplyEvent } from '../contract/reply-reducer';
import type { FrameScheduler } from '../markdown/render-pacer';
import { applyEvent, makeMessage, restart } from './message-model';
import { createChunkCoalescer } from './chunk-coalescer';
import type { ShownConversation } from './shown-conversation';
import type { SendMessage } from './conversation-reconcile';

export function createReplyActions(shown: ShownConversation, transport: { post(message: PanelMessage): void }, options: { newId?: () => string; nextFrame?: FrameScheduler }) {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const { messages, activeReply, byId } = shown;
  const apply = (event: ReplyEvent) => {
    const reply = byId(event.replyId);
    if (reply) applyEvent(reply, event);
  };
  const chunks = createChunkCoalescer((replyId, delta) => apply({ type: 'chunk', replyId, delta }), options.nextFrame);
  /** The last question sent, as sent: posted again, unchanged, if the background never got it. */
  let lastSend: SendMessage | undefined;

  return {
    lastSend: () => lastSend,
    flush: chunks.flush,
    receive(event: ReplyEvent): void {
      if (event.type === 'chunk') return chunks.add(event.replyId, event.delta);
      // Chunks waiting for a frame come before whatever this message says.
      chunks.flush();
      apply(event);
    },
    send(rawText: string, { shareContext = false } = {}): boolean {
      const text = rawText.trim();
      if (!text || activeReply.value) return false;
      const question = makeMessage(newId(), 'user', text, 'done');
      const reply = makeMessage(newId(), 'assistant', '', 'pending', text);
      messages.value = shown.trimmed([...messages.value, question, reply]);
      lastSend = { type: 'send', messageId: question.id, replyId: reply.id, text, ...(shareContext && { shareContext }) };
      transport.post(lastSend);
      return true;
    },
    stop(): void {
      chunks.flush();
      const reply = activeReply.value;
      if (!reply) return;
      // Shown at once; events still in flight for this reply are ignored from here on.
      applyEvent(reply, { type: 'stopped', replyId: reply.id });
      transport.post({ type: 'stop', replyId: reply.id });
    },
    retry(replyId: string): void {
      const reply = byId(replyId);
      if (!reply || reply.author !== 'assistant' || isRunning(reply.state.value) || activeReply.value) return;
      restart(reply);
      transport.post({ type: 'retry', replyId, text: reply.prompt });
    },
    /**
     * Takes the last exchange back for editing: removes the last question and its reply and
     * returns the question's text. Nothing while a reply runs.
     */
    editLast(): string | undefined {
      const list = messages.value;
      const index = list.findLastIndex((m) => m.author === 'user');
      if (index < 0 || activeReply.value) return undefined;
      messages.value = list.slice(0, index);
      const conversationId = shown.conversationId.value;
      if (conversationId) transport.post({ type: 'forget-from', conversationId, messageId: list[index].id });
      return list[index].text.value;
    },
    /** The user's answer to a call asking to read the page; the prompt goes away at once. */
    answerConsent(replyId: string, callId: string, decision: ConsentDecision): void {
      const reply = byId(replyId);
      const call = reply?.calls.value.find((c) => c.id === callId);
      if (!reply || call?.status !== 'asking') return;
      reply.calls.value = upsertCall(reply.calls.value, { ...call, status: 'running', ask: undefined });
      transport.post({ type: 'consent', replyId, callId, decision });
    },
    /** Starts over: an empty panel, and a new server session from the next message. Not while a reply runs. */
    newChat(): boolean {
      if (activeReply.value) return false;
      batch(() => {
        messages.value = [];
        shown.conversationId.value = undefined;
        shown.hasOlder.value = false;
      });
      transport.post({ type: 'new-chat' });
      return true;
    },
  };
}
