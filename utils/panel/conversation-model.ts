/**
 * The side panel's state as signals: the conversation on screen, whether a reply is running, the
 * link to the background, and the actions that change them. The background keeps the
 * conversation; the panel shows it, and after a reconnect takes the background's snapshot as the
 * truth (a message it sent that never arrived is sent again).
 */
import { batch, computed, signal } from '@preact/signals';
import type { EndpointStatus } from '../endpoint/probe';
import type { ConsentDecision } from '../background/consent-requests';
import { isRunning, type BackgroundMessage, type ConversationItem, type MessageSnapshot, type PanelMessage } from '../contract/port-messages';
import { upsertCall } from '../contract/call-list';
import { applySnapshot, makeMessage, messageFromSnapshot, type ChatMessage } from './message-model';
import { createChunkCoalescer, type FrameScheduler } from './chunk-coalescer';
import { t } from '../i18n';

export interface PanelTransport {
  post(message: PanelMessage): void;
}

/** The panel's port to the background: up, being re-opened, or gone for good (extension reloaded). */
export type Link = 'connected' | 'reconnecting' | 'lost';

export type ChatModel = ReturnType<typeof createChatModel>;

export function createChatModel(transport: PanelTransport, options: { historyLimit: number; newId?: () => string; nextFrame?: FrameScheduler }) {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const messages = signal<ChatMessage[]>([]);
  const conversationId = signal<string | undefined>(undefined);
  /** Saved messages older than the first one on screen exist; they load on scroll. */
  const hasOlder = signal(false);
  const loadingOlder = signal(false);
  /** The saved conversations, while the list is open. */
  const conversations = signal<ConversationItem[] | undefined>(undefined);
  const historyLimit = signal(options.historyLimit);
  const endpoint = signal<EndpointStatus | undefined>(undefined);
  const link = signal<Link>('reconnecting');
  const storageError = signal<string | undefined>(undefined);
  const activeReply = computed(() => messages.value.find((m) => m.author === 'assistant' && isRunning(m.state.value)));

  const byId = (id: string) => messages.value.find((m) => m.id === id);
  const chunks = createChunkCoalescer((replyId, text) => {
    const reply = byId(replyId);
    if (!reply || !isRunning(reply.state.value)) return;
    batch(() => {
      reply.text.value += text;
      reply.state.value = 'streaming';
      reply.reconnecting.value = undefined;
    });
  }, options.nextFrame);

  /** Drops the oldest messages beyond the history limit; they stay saved and load on scroll. */
  function trimmed(list: ChatMessage[]): ChatMessage[] {
    const excess = list.length - historyLimit.value;
    if (excess <= 0) return list;
    hasOlder.value = true;
    return list.slice(excess);
  }

  /** The last question sent, as sent: posted again, unchanged, if the background never got it. */
  let lastSend: Extract<PanelMessage, { type: 'send' }> | undefined;

  function postSend(question: ChatMessage, reply: ChatMessage, shareContext: boolean): void {
    lastSend = { type: 'send', messageId: question.id, replyId: reply.id, text: question.text.value, ...(shareContext && { shareContext }) };
    transport.post(lastSend);
  }

  function send(rawText: string, { shareContext = false } = {}): boolean {
    const text = rawText.trim();
    if (!text || activeReply.value) return false;
    const question = makeMessage(newId(), 'user', text, 'done');
    const reply = makeMessage(newId(), 'assistant', '', 'pending', text);
    messages.value = trimmed([...messages.value, question, reply]);
    postSend(question, reply, shareContext);
    return true;
  }

  function stop(): void {
    chunks.flush();
    const reply = activeReply.value;
    if (!reply) return;
    // Shown at once; events still in flight for this reply are ignored from here on.
    reply.state.value = 'stopped';
    transport.post({ type: 'stop', replyId: reply.id });
  }

  function retry(replyId: string): void {
    const reply = byId(replyId);
    if (!reply || reply.author !== 'assistant' || isRunning(reply.state.value) || activeReply.value) return;
    batch(() => {
      reply.text.value = '';
      reply.reasoning.value = '';
      reply.error.value = undefined;
      reply.notice.value = undefined;
      reply.usage.value = undefined;
      reply.calls.value = [];
      reply.state.value = 'pending';
    });
    transport.post({ type: 'retry', replyId, text: reply.prompt });
  }

  /** The background's account of a conversation replaces what is on screen, keeping each message's signals. */
  function showConversation(id: string | undefined, snapshots: MessageSnapshot[], older: boolean): void {
    chunks.flush();
    const onScreen = new Map(messages.value.map((m) => [m.id, m]));
    const next = snapshots.map((snapshot) => {
      const known = onScreen.get(snapshot.id);
      if (!known) return messageFromSnapshot(snapshot);
      applySnapshot(known, snapshot);
      return known;
    });
    // Not in the background's account: sent while it was going away, or just after it wrote this
    // account. Keep it and send it again; the background takes a send it already has only once.
    const unsent = activeReply.value;
    const sameConversation = id === conversationId.value || conversationId.value === undefined;
    if (unsent && sameConversation && lastSend?.replyId === unsent.id && !snapshots.some((s) => s.id === unsent.id)) {
      const question = messages.value[messages.value.indexOf(unsent) - 1];
      if (question?.author === 'user') {
        next.push(question, unsent);
        transport.post(lastSend);
      }
    }
    batch(() => {
      conversationId.value = id;
      hasOlder.value = older;
      messages.value = next;
    });
  }

  function showOlder(id: string, snapshots: MessageSnapshot[], older: boolean): void {
    loadingOlder.value = false;
    if (id !== conversationId.value) return;
    const onScreen = new Set(messages.value.map((m) => m.id));
    batch(() => {
      messages.value = [...snapshots.filter((s) => !onScreen.has(s.id)).map(messageFromSnapshot), ...messages.value];
      hasOlder.value = older;
    });
  }

  function receive(message: BackgroundMessage): void {
    switch (message.type) {
      case 'endpoint':
        endpoint.value = message.reachable ? { reachable: true } : { reachable: false, message: message.message ?? t('endpointUnreachable') };
        return;
      case 'conversation':
        link.value = 'connected';
        return showConversation(message.conversationId, message.messages, message.hasOlder);
      case 'older':
        return showOlder(message.conversationId, message.messages, message.hasOlder);
      case 'conversations':
        conversations.value = message.items;
        return;
      case 'storage-error':
        storageError.value = message.message;
        return;
      case 'chunk':
        return chunks.add(message.replyId, message.delta);
    }
    // Chunks waiting for a frame come before whatever this message says.
    chunks.flush();
    const reply = byId(message.replyId);
    if (!reply || !isRunning(reply.state.value)) return;
    batch(() => {
      switch (message.type) {
        case 'call':
          reply.calls.value = upsertCall(reply.calls.value, message.call);
          break;
        case 'reasoning':
          reply.reasoning.value += message.delta;
          if (reply.state.value === 'pending') reply.state.value = 'streaming';
          break;
        case 'fallback':
          reply.notice.value = message.message;
          break;
        case 'reconnecting':
          reply.reconnecting.value = { attempt: message.attempt, attempts: message.attempts };
          break;
        case 'reconnected':
          reply.reconnecting.value = undefined;
          break;
        case 'done':
          // A finished reply proves the endpoint is up, whatever an earlier probe said.
          if (endpoint.value?.reachable === false) endpoint.value = { reachable: true };
          reply.usage.value = message.usage;
          if (message.notice) reply.notice.value = message.notice;
          reply.state.value = 'done';
          break;
        case 'error':
          reply.error.value = message.message;
          reply.state.value = 'error';
          break;
        case 'stopped':
          reply.state.value = 'stopped';
          break;
      }
      if (!isRunning(reply.state.value)) reply.reconnecting.value = undefined;
    });
  }

  /** The port opened (again): ask for the conversation on screen, so both sides agree. */
  function connected(): PanelMessage {
    return { type: 'open', ...(conversationId.value && { conversationId: conversationId.value }) };
  }

  /** The port dropped: keep everything on screen while it is re-opened. */
  function disconnected(final: boolean): void {
    chunks.flush();
    link.value = final ? 'lost' : 'reconnecting';
    const reply = activeReply.value;
    if (final && reply) {
      reply.error.value = t('panelLostBackground');
      reply.state.value = 'error';
    }
  }

  /**
   * Takes the last exchange back for editing: removes the last question and its reply and
   * returns the question's text. Nothing while a reply runs.
   */
  function editLast(): string | undefined {
    const list = messages.value;
    const index = list.findLastIndex((m) => m.author === 'user');
    if (index < 0 || activeReply.value) return undefined;
    messages.value = list.slice(0, index);
    if (conversationId.value) transport.post({ type: 'forget-from', conversationId: conversationId.value, messageId: list[index].id });
    return list[index].text.value;
  }

  /** The user's answer to a call asking to read the page; the prompt goes away at once. */
  function answerConsent(replyId: string, callId: string, decision: ConsentDecision): void {
    const reply = byId(replyId);
    const call = reply?.calls.value.find((c) => c.id === callId);
    if (!reply || call?.status !== 'asking') return;
    reply.calls.value = upsertCall(reply.calls.value, { ...call, status: 'running', ask: undefined });
    transport.post({ type: 'consent', replyId, callId, decision });
  }

  /** Starts over: an empty panel, and a new server session from the next message. Not while a reply runs. */
  function newChat(): boolean {
    if (activeReply.value) return false;
    batch(() => {
      messages.value = [];
      conversationId.value = undefined;
      hasOlder.value = false;
    });
    transport.post({ type: 'new-chat' });
    return true;
  }

  function loadOlder(): void {
    const first = messages.value[0];
    if (!hasOlder.value || loadingOlder.value || !conversationId.value || first?.seq === undefined) return;
    loadingOlder.value = true;
    transport.post({ type: 'older', conversationId: conversationId.value, beforeSeq: first.seq });
  }

  return {
    messages,
    conversationId,
    hasOlder,
    loadingOlder,
    conversations,
    activeReply,
    endpoint,
    link,
    storageError,
    send,
    stop,
    retry,
    editLast,
    newChat,
    receive,
    answerConsent,
    connected,
    disconnected,
    loadOlder,
    listConversations: () => transport.post({ type: 'list' }),
    openConversation: (id: string) => transport.post({ type: 'open', conversationId: id }),
    deleteConversation: (id: string) => transport.post({ type: 'delete-conversation', conversationId: id }),
    clearHistory: () => transport.post({ type: 'clear-history' }),
    closeConversations: () => void (conversations.value = undefined),
    setHistoryLimit(limit: number): void {
      historyLimit.value = limit;
      messages.value = trimmed(messages.value);
    },
    /** Asks the background whether the endpoint is up; the answer lands in `endpoint`. */
    checkEndpoint: () => transport.post({ type: 'probe' }),
  };
}
