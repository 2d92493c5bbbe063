/**
 * What a panel asks of its history beyond the conversation it shows: the list, a search, a pin,
 * a name, a conversation as Markdown. Each answers the panel that asked.
 */
import type { ConversationSummary, HistoryStore, SearchHit } from '../history/types';
import { conversationMarkdown } from '../history/markdown-export';
import type { BackgroundMessage, ConversationItem, PanelMessage, SearchItem } from '../contract/port-messages';

export type HistoryRequest = Extract<PanelMessage, { type: 'list' | 'search' | 'pin' | 'rename' | 'export-conversation' }>;

/** How many conversations a search shows, each with a passage: enough to scan by eye, few enough to stay fast. */
export const SEARCH_LIMIT = 20;

export function toItem({ id, title, createdAt, updatedAt, messageCount, pinned }: ConversationSummary): ConversationItem {
  return { id, title, createdAt, updatedAt, messageCount, ...(pinned && { pinned }) };
}

function toSearchItem({ conversation, titleMarks, snippet }: SearchHit): SearchItem {
  return { ...toItem(conversation), titleMarks, ...(snippet && { snippet }) };
}

export async function answerHistoryRequest(store: HistoryStore, request: HistoryRequest, reply: (message: BackgroundMessage) => void, now = () => new Date()): Promise<void> {
  switch (request.type) {
    case 'list':
      return reply({ type: 'conversations', items: (await store.listConversations()).map(toItem) });
    case 'search': {
      const { hits, total } = await store.search(request.query, SEARCH_LIMIT);
      return reply({ type: 'search-results', query: request.query, items: hits.map(toSearchItem), total });
    }
    case 'pin':
      await store.updateConversation(request.conversationId, { pinned: request.pinned });
      return;
    case 'rename':
      await store.updateConversation(request.conversationId, { title: request.title, renamed: true });
      return;
    case 'export-conversation': {
      const conversation = await store.getConversation(request.conversationId);
      if (!conversation) return;
      const { messages } = await store.loadRecent(conversation.id, Infinity);
      return reply({ type: 'conversation-export', conversationId: conversation.id, ...conversationMarkdown(conversation, messages, now()) });
    }
  }
}
