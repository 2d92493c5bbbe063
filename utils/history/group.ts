import type { StoredMessage } from './types';

/** Messages by conversation, in the order given: Map.groupBy, which Node 20 (the tests) lacks. */
export function byConversation(messages: StoredMessage[]): Map<string, StoredMessage[]> {
  const groups = new Map<string, StoredMessage[]>();
  for (const message of messages) groups.set(message.conversationId, [...(groups.get(message.conversationId) ?? []), message]);
  return groups;
}
