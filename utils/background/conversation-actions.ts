/**
 * What a panel does to a window's conversations, other than replies: show one (to the panel that
 * opens, or to every panel of the window when it changes), list, forget the tail, delete one,
 * delete them all.
 */
import type { HistoryStore } from '../history/types';
import type { BackgroundMessage, PanelListener } from '../contract/port-messages';
import type { ConversationPage } from './conversation-pages';
import type { LiveReplies } from './live-replies';
import { currentConversation, setCurrentConversation } from './window-conversations';

export interface ConversationActionDeps {
  replies: LiveReplies;
  storeOf(windowId: number): Promise<HistoryStore>;
  /** The windows whose conversations are kept in `store`. */
  windowsOf(store: HistoryStore): number[];
  showPage(windowId: number, conversationId: string | undefined, beforeSeq: undefined, show: (page: ConversationPage) => void): Promise<void>;
  broadcast(windowId: number, message: BackgroundMessage): void;
  /** From now on, `listener` hears what happens in the window. */
  listen(windowId: number, listener: PanelListener): void;
}

export function createConversationActions({ replies, storeOf, windowsOf, showPage, broadcast, listen }: ConversationActionDeps) {
  /** Sends the window's conversation to one panel, which from then on hears what happens in it. */
  async function open(windowId: number, listener: PanelListener, conversationId?: string): Promise<void> {
    const store = await storeOf(windowId);
    let id = conversationId ?? (await currentConversation(windowId));
    if (id && !(await store.getConversation(id))) id = undefined;
    if (!conversationId && !id) id = (await store.listConversations())[0]?.id;
    await setCurrentConversation(windowId, id);
    await showPage(windowId, id, undefined, (page) => {
      listener({ type: 'conversation', conversationId: id, ...page });
      listen(windowId, listener);
    });
  }

  /** The window now shows `conversationId` (none: an empty one): every panel of it is told. */
  async function show(windowId: number, conversationId: string | undefined): Promise<void> {
    await setCurrentConversation(windowId, conversationId);
    await showPage(windowId, conversationId, undefined, (page) => broadcast(windowId, { type: 'conversation', conversationId, ...page }));
  }

  async function list(windowId: number, listener: PanelListener): Promise<void> {
    const store = await storeOf(windowId);
    const items = (await store.listConversations()).map(({ id, title, createdAt, updatedAt, messageCount }) => ({ id, title, createdAt, updatedAt, messageCount }));
    listener({ type: 'conversations', items });
  }

  /** The user took `messageId` back to edit it: it and what follows are forgotten. */
  async function forgetFrom(windowId: number, conversationId: string, messageId: string): Promise<void> {
    const store = await storeOf(windowId);
    const from = await store.getMessage(messageId);
    if (from?.conversationId === conversationId) await store.deleteMessages(conversationId, from.seq);
  }

  async function remove(windowId: number, listener: PanelListener, conversationId: string): Promise<void> {
    await replies.stopWhere((reply) => reply.conversationId === conversationId);
    await (await storeOf(windowId)).deleteConversation(conversationId);
    if ((await currentConversation(windowId)) === conversationId) await show(windowId, undefined);
    await list(windowId, listener);
  }

  /** Deletes every conversation in `store`; the panels showing one of them are emptied. */
  async function clearStore(store: HistoryStore): Promise<void> {
    const sharing = windowsOf(store);
    await replies.stopWhere((reply) => sharing.includes(reply.windowId));
    await store.clearAll();
    for (const windowId of sharing) await show(windowId, undefined);
  }

  return { open, show, list, forgetFrom, remove, clearStore, clearWindowHistory: async (windowId: number) => clearStore(await storeOf(windowId)) };
}

export type ConversationActions = ReturnType<typeof createConversationActions>;
