/** The rules both stores follow when a list is shown and when an exported history comes back. */
import { byConversation } from './group';
import type { ConversationSummary, HistoryDump, StoredMessage } from './types';

/** Pinned conversations first; within each group the order given (most recently updated first). */
export function pinnedFirst(list: ConversationSummary[]): ConversationSummary[] {
  return [...list.filter((c) => c.pinned), ...list.filter((c) => !c.pinned)];
}

export type ImportDecision = 'add' | 'replace' | 'keep';

/** The newer `updatedAt` wins; on a tie the copy here stays (importing the same file twice changes nothing). */
export function importDecision(here: ConversationSummary | undefined, incoming: ConversationSummary): ImportDecision {
  if (!here) return 'add';
  return incoming.updatedAt > here.updatedAt ? 'replace' : 'keep';
}

/** Each imported conversation with its messages; its count is what the file holds, not what it says. */
export function importedConversations(dump: HistoryDump): Array<{ conversation: ConversationSummary; messages: StoredMessage[] }> {
  const messages = byConversation(dump.messages);
  return dump.conversations.map((conversation) => {
    const own = messages.get(conversation.id) ?? [];
    return { conversation: { ...conversation, messageCount: own.length }, messages: own };
  });
}
