/**
 * The side panel's state as signals: the conversation on screen, whether a reply is running, the
 * link to the background, and the actions that change them. The background keeps the
 * conversation; the panel shows it, and after a reconnect takes the background's snapshot as the
 * truth (a message it sent that never arrived is sent again).
 */
import { signal } from '@preact/signals';
import type { BackgroundMessage, ConversationItem, EndpointStatus, PanelMessage, PanelTransport } from '../contract/port-messages';
import { applyEvent } from './message-model';
import type { FrameScheduler } from '../markdown/render-pacer';
import { createShownConversation } from './shown-conversation';
import { reconcile, showOlder } from './conversation-reconcile';
import { createReplyActions } from './reply-actions';
import { t } from '../i18n';

/** The panel's port to the background: up, being re-opened, or gone for good (extension reloaded). */
export type Link = 'connected' | 'reconnecting' | 'lost';

export type ChatModel = ReturnType<typeof createChatModel>;

export function createChatModel(transport: PanelTransport, options: { historyLimit: number; newId?: () => string; nextFrame?: FrameScheduler }) {
  const shown = createShownConversation(options.historyLimit);
  /** The saved conversations, while the list is open. */
  const conversations = signal<ConversationItem[] | undefined>(undefined);
  const endpoint = signal<EndpointStatus | undefined>(undefined);
  const link = signal<Link>('reconnecting');
  const storageError = signal<string | undefined>(undefined);
  const replies = createReplyActions(shown, transport, options);

  function receive(message: BackgroundMessage): void {
    switch (message.type) {
      case 'endpoint':
        endpoint.value = message.reachable ? { reachable: true } : { reachable: false, message: message.message ?? t('endpointUnreachable') };
        return;
      case 'conversation':
        link.value = 'connected';
        replies.flush();
        return reconcile(shown, { id: message.conversationId, messages: message.messages, hasOlder: message.hasOlder }, replies.lastSend(), transport.post);
      case 'older':
        return showOlder(shown, message.conversationId, message.messages, message.hasOlder);
      case 'conversations':
        conversations.value = message.items;
        return;
      case 'storage-error':
        storageError.value = message.message;
        return;
      case 'done':
        // A finished reply proves the endpoint is up, whatever an earlier probe said.
        if (endpoint.value?.reachable === false && shown.byId(message.replyId)) endpoint.value = { reachable: true };
    }
    replies.receive(message);
  }

  /** The port dropped: keep everything on screen while it is re-opened. */
  function disconnected(final: boolean): void {
    replies.flush();
    link.value = final ? 'lost' : 'reconnecting';
    const reply = shown.activeReply.value;
    if (final && reply) applyEvent(reply, { type: 'error', replyId: reply.id, message: t('panelLostBackground') });
  }

  const conversationId = shown.conversationId;
  return {
    messages: shown.messages,
    conversationId,
    hasOlder: shown.hasOlder,
    loadingOlder: shown.loadingOlder,
    conversations,
    activeReply: shown.activeReply,
    endpoint,
    link,
    storageError,
    send: replies.send,
    stop: replies.stop,
    retry: replies.retry,
    editLast: replies.editLast,
    newChat: replies.newChat,
    answerConsent: replies.answerConsent,
    receive,
    /** The port opened (again): ask for the conversation on screen, so both sides agree. */
    connected: (): PanelMessage => ({ type: 'open', ...(conversationId.value && { conversationId: conversationId.value }) }),
    disconnected,
    loadOlder(): void {
      const first = shown.messages.value[0];
      if (!shown.hasOlder.value || shown.loadingOlder.value || !conversationId.value || first?.seq === undefined) return;
      shown.loadingOlder.value = true;
      transport.post({ type: 'older', conversationId: conversationId.value, beforeSeq: first.seq });
    },
    listConversations: () => transport.post({ type: 'list' }),
    openConversation: (id: string) => transport.post({ type: 'open', conversationId: id }),
    deleteConversation: (id: string) => transport.post({ type: 'delete-conversation', conversationId: id }),
    clearHistory: () => transport.post({ type: 'clear-history' }),
    closeConversations: () => void (conversations.value = undefined),
    setHistoryLimit: shown.setHistoryLimit,
    /** Asks the background whether the endpoint is up; the answer lands in `endpoint`. */
    checkEndpoint: () => transport.post({ type: 'probe' }),
  };
}
