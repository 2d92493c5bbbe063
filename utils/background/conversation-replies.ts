/**
 * Starting the replies of a window's conversation: to a question sent (the first one creates the
 * conversation), again for a reply that failed, or resumed after a worker restart (reply-resume).
 * One reply runs per conversation at a time.
 */
import type { HistoryStore } from '../history/types';
import { t } from '../i18n';
import type { BackgroundMessage, MessageSnapshot, PanelMessage } from '../contract/port-messages';
import type { ReplyCheckpoint } from './checkpoints';
import { pendingReply } from '../contract/reply-reducer';
import type { LiveReplies } from './live-replies';
import { messagesBefore } from './history-budget';
import type { ServerSessionSlot } from './reply-runner';
import { currentConversation, setCurrentConversation } from './window-conversations';

export type ReplyLaunch = (
  windowId: number,
  store: HistoryStore,
  conversationId: string,
  record: MessageSnapshot,
  extra: { text: string; shareContext?: boolean; resume?: ReplyCheckpoint['position'] },
) => void;

export interface ConversationReplyDeps {
  replies: LiveReplies;
  storeOf(windowId: number): Promise<HistoryStore>;
  broadcast(windowId: number, message: BackgroundMessage): void;
  save(windowId: number, store: HistoryStore, conversationId: string, messages: MessageSnapshot[]): Promise<void>;
}

export function createConversationReplies({ replies, storeOf, broadcast, save }: ConversationReplyDeps) {
  /** The endpoint's session this conversation continues, kept with the conversation. */
  function serverSessionSlot(store: HistoryStore, conversationId: string): ServerSessionSlot {
    return {
      async get(endpointKey) {
        const conversation = await store.getConversation(conversationId);
        return conversation?.endpointKey === endpointKey ? conversation.sessionId : undefined;
      },
      async set(endpointKey, sessionId) {
        await store.updateConversation(conversationId, { endpointKey, sessionId });
      },
    };
  }

  const launch: ReplyLaunch = (windowId, store, conversationId, record, extra) =>
    replies.launch({
      windowId,
      conversationId,
      record,
      ...extra,
      session: serverSessionSlot(store, conversationId),
      earlier: () => messagesBefore(store, conversationId, record.seq),
      save: (copy) => save(windowId, store, conversationId, [copy]),
      emit: (message) => broadcast(windowId, message),
    });

  const refuseBusy = (windowId: number, replyId: string) => broadcast(windowId, { type: 'error', replyId, message: t('replyBusy'), code: 'busy' });

  /**
   * The background's half of the resend rule (the contract's `send`): a panel that cannot tell
   * whether its send arrived sends it again with the same ids, so a send whose reply already
   * exists, running or saved, is that repeat and is dropped.
   */
  const isRepeatedSend = async (store: HistoryStore, replyId: string) => Boolean(replies.record(replyId) || (await store.getMessage(replyId)));

  async function send(windowId: number, message: Extract<PanelMessage, { type: 'send' }>): Promise<void> {
    const { messageId, replyId, text, shareContext } = message;
    const store = await storeOf(windowId);
    if (await isRepeatedSend(store, replyId)) return;
    let conversationId = await currentConversation(windowId);
    if (conversationId && replies.isRunningIn(conversationId)) return refuseBusy(windowId, replyId);
    const isNew = !conversationId;
    if (!conversationId) {
      conversationId = (await store.createConversation()).id;
      await setCurrentConversation(windowId, conversationId);
    }
    const seq = await store.nextSeq(conversationId);
    const question: MessageSnapshot = { id: messageId, seq, author: 'user', text, state: 'done' };
    const record: MessageSnapshot = { id: replyId, seq: seq + 1, author: 'assistant', text: '', state: 'pending', prompt: text };
    // A reply is worth having even if the history can't be saved (the panel was told).
    await save(windowId, store, conversationId, [question, record]).catch(() => {});
    if (isNew) broadcast(windowId, { type: 'conversation', conversationId, messages: [question, record], hasOlder: false });
    launch(windowId, store, conversationId, record, { text, shareContext });
  }

  async function retry(windowId: number, replyId: string, text: string): Promise<void> {
    const conversationId = await currentConversation(windowId);
    if (!conversationId) return;
    if (replies.isRunningIn(conversationId)) return refuseBusy(windowId, replyId);
    const store = await storeOf(windowId);
    const saved = await store.getMessage(replyId);
    const record = pendingReply(saved?.conversationId === conversationId ? saved : { id: replyId, seq: await store.nextSeq(conversationId), author: 'assistant', text: '', state: 'pending', prompt: text });
    launch(windowId, store, conversationId, { ...record, prompt: text }, { text });
  }

  return { launch, send, retry };
}

export type ConversationReplies = ReturnType<typeof createConversationReplies>;
