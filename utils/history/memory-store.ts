/**
 * The history for private windows: kept in memory only, never written to disk, gone when the
 * background stops. Behaves as the IndexedDB store does, copies in and out included.
 */
import { toHistoryError } from './errors';
import { byConversation } from './group';
import { titleAfterPut } from './title';
import type { ConversationSummary, HistoryStore, StoredMessage } from './types';

export interface MemoryStoreOptions {
  now?: () => number;
  newId?: () => string;
}

export function createMemoryStore({ now = Date.now, newId = () => crypto.randomUUID() }: MemoryStoreOptions = {}): HistoryStore {
  const conversations = new Map<string, ConversationSummary>();
  const messages = new Map<string, StoredMessage>();

  /** Copies first: a value that cannot be stored fails here, before anything changed. */
  function copy<T>(value: T): T {
    try {
      return structuredClone(value);
    } catch (error) {
      throw toHistoryError(error);
    }
  }

  const inOrder = (conversationId: string) => [...messages.values()].filter((m) => m.conversationId === conversationId).sort((a, b) => a.seq - b.seq);

  function refreshSummary(summary: ConversationSummary, written: StoredMessage[]): void {
    const messageCount = inOrder(summary.id).length;
    const title = messageCount === 0 ? '' : titleAfterPut(summary.title, written);
    conversations.set(summary.id, { ...summary, title, messageCount, updatedAt: now() });
  }

  function dropMessages(conversationId: string, fromSeq = -Infinity): void {
    for (const m of inOrder(conversationId)) if (m.seq >= fromSeq) messages.delete(m.id);
  }

  return {
    async createConversation(init = {}) {
      const time = now();
      const summary: ConversationSummary = copy({ title: '', ...init, id: init.id ?? newId(), createdAt: time, updatedAt: time, messageCount: 0 });
      if (conversations.has(summary.id)) throw toHistoryError(new DOMException(`Conversation ${summary.id} exists`, 'ConstraintError'));
      conversations.set(summary.id, summary);
      return copy(summary);
    },

    getConversation: async (id) => copy(conversations.get(id)),

    listConversations: async () => copy([...conversations.values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))),

    async updateConversation(id, patch) {
      const summary = conversations.get(id);
      if (!summary) return undefined;
      const updated = copy({ ...summary, ...patch });
      conversations.set(id, updated);
      return copy(updated);
    },

    async deleteConversation(id) {
      dropMessages(id);
      conversations.delete(id);
    },

    async clearAll() {
      messages.clear();
      conversations.clear();
    },

    async putMessages(list) {
      const written = copy(list);
      for (const [conversationId, group] of byConversation(written)) {
        const summary = conversations.get(conversationId);
        if (!summary) continue;
        for (const message of group) messages.set(message.id, message);
        refreshSummary(summary, group);
      }
    },

    async deleteMessages(conversationId, fromSeq) {
      dropMessages(conversationId, fromSeq);
      const summary = conversations.get(conversationId);
      if (summary) refreshSummary(summary, []);
    },

    async loadRecent(conversationId, limit, beforeSeq = Infinity) {
      const earlier = inOrder(conversationId).filter((m) => m.seq < beforeSeq);
      const recent = limit > 0 ? earlier.slice(-limit) : [];
      return { messages: copy(recent), hasOlder: earlier.length > recent.length };
    },

    async nextSeq(conversationId) {
      const last = inOrder(conversationId).at(-1);
      return last ? last.seq + 1 : 0;
    },

    close() {},
  };
}
