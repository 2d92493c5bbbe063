/**
 * The history kept in memory: behaves as the IndexedDB store does, copies in and out included.
 * With a mirror, every change is also handed on (private windows keep theirs in
 * storage.session), and a change the mirror refuses is undone, so a failed write changes nothing.
 */
import { toHistoryError } from './errors';
import { byConversation } from './group';
import { importDecision, importedConversations, pinnedFirst } from './merge';
import { scanSearch } from './scan-search';
import { titleAfterPut } from './title';
import { trackedMap } from './tracked-map';
import type { ConversationSummary, HistoryStore, ImportCounts, StoredMessage } from './types';

export interface MemoryContents {
  conversations: ConversationSummary[];
  messages: StoredMessage[];
}

/** What one change did: the records written, and the ids of those removed. */
export interface MemoryChange {
  conversations: { put: ConversationSummary[]; removed: string[] };
  messages: { put: StoredMessage[]; removed: string[] };
}

export interface MemoryMirror {
  /** What to start from: read once, before the first call is answered. */
  load(): Promise<MemoryContents>;
  /** Takes one change; when it rejects, the change is undone and the call fails with its error. */
  write(change: MemoryChange): Promise<void>;
}

export interface MemoryStoreOptions {
  now?: () => number;
  newId?: () => string;
  mirror?: MemoryMirror;
}

export function createMemoryStore({ now = Date.now, newId = () => crypto.randomUUID(), mirror }: MemoryStoreOptions = {}): HistoryStore {
  const conversations = trackedMap<ConversationSummary>();
  const messages = trackedMap<StoredMessage>();
  /** Changes run one after another, so undoing one never undoes another's. */
  let queue: Promise<unknown> = (async () => {
    const initial = await mirror?.load();
    initial?.conversations.forEach((c) => conversations.entries().set(c.id, c));
    initial?.messages.forEach((m) => messages.entries().set(m.id, m));
  })().catch((error) => {
    throw toHistoryError(error);
  });

  function serially<T>(work: () => Promise<T>): Promise<T> {
    const result = queue.then(work);
    queue = result.catch(() => {});
    return result;
  }

  const read = <T>(work: () => T): Promise<T> => serially(async () => copy(work()));

  /** Applies `work` to the maps, then to the mirror; a mirror that refuses it undoes it. */
  const change = <T>(work: () => T): Promise<T> =>
    serially(async () => {
      conversations.begin();
      messages.begin();
      const result = work();
      try {
        await mirror?.write(copy({ conversations: conversations.change(), messages: messages.change() }));
      } catch (error) {
        conversations.rollback();
        messages.rollback();
        throw toHistoryError(error);
      }
      return copy(result);
    });

  const inOrder = (conversationId: string) =>
    [...messages.entries().values()].filter((m) => m.conversationId === conversationId).sort((a, b) => a.seq - b.seq);

  function refreshSummary(summary: ConversationSummary, written: StoredMessage[]): void {
    const messageCount = inOrder(summary.id).length;
    const title = messageCount === 0 && !summary.renamed ? '' : titleAfterPut(summary.title, written);
    conversations.set(summary.id, { ...summary, title, messageCount, updatedAt: now() });
  }

  function dropMessages(conversationId: string, fromSeq = -Infinity): void {
    for (const m of inOrder(conversationId)) if (m.seq >= fromSeq) messages.delete(m.id);
  }

  return {
    async createConversation(init = {}) {
      const time = now();
      // Copied first: a value that cannot be stored fails here, before anything changed.
      const summary: ConversationSummary = copy({ title: '', ...init, id: init.id ?? newId(), createdAt: time, updatedAt: time, messageCount: 0 });
      return change(() => {
        if (conversations.entries().has(summary.id)) throw toHistoryError(new DOMException(`Conversation ${summary.id} exists`, 'ConstraintError'));
        conversations.set(summary.id, summary);
        return summary;
      });
    },

    getConversation: (id) => read(() => conversations.entries().get(id)),

    listConversations: () => read(() => pinnedFirst([...conversations.entries().values()].sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1)))),

    search: (query, limit) => read(() => scanSearch([...conversations.entries().values()], [...messages.entries().values()], query, limit)),

    async updateConversation(id, patch) {
      const copied = copy(patch);
      return change(() => {
        const summary = conversations.entries().get(id);
        if (!summary) return undefined;
        const updated = { ...summary, ...copied };
        conversations.set(id, updated);
        return updated;
      });
    },

    deleteConversation: (id) =>
      change(() => {
        dropMessages(id);
        conversations.delete(id);
      }),

    clearAll: () =>
      change(() => {
        for (const id of [...messages.entries().keys()]) messages.delete(id);
        for (const id of [...conversations.entries().keys()]) conversations.delete(id);
      }),

    async putMessages(list) {
      const written = copy(list);
      return change(() => {
        for (const [conversationId, group] of byConversation(written)) {
          const summary = conversations.entries().get(conversationId);
          if (!summary) continue;
          for (const message of group) messages.set(message.id, message);
          refreshSummary(summary, group);
        }
      });
    },

    deleteMessages: (conversationId, fromSeq) =>
      change(() => {
        dropMessages(conversationId, fromSeq);
        const summary = conversations.entries().get(conversationId);
        if (summary) refreshSummary(summary, []);
      }),

    getMessage: (id) => read(() => messages.entries().get(id)),

    loadRecent: (conversationId, limit, beforeSeq = Infinity) =>
      read(() => {
        const earlier = inOrder(conversationId).filter((m) => m.seq < beforeSeq);
        const recent = limit > 0 ? earlier.slice(-limit) : [];
        return { messages: recent, hasOlder: earlier.length > recent.length };
      }),

    nextSeq: (conversationId) =>
      read(() => {
        const last = inOrder(conversationId).at(-1);
        return last ? last.seq + 1 : 0;
      }),

    dump: () => read(() => ({ conversations: [...conversations.entries().values()], messages: [...messages.entries().values()] })),

    async importConversations(dump) {
      const incoming = importedConversations(copy(dump));
      return change(() => {
        const counts: ImportCounts = { added: 0, replaced: 0, kept: 0 };
        for (const { conversation, messages: own } of incoming) {
          const decision = importDecision(conversations.entries().get(conversation.id), conversation);
          if (decision === 'keep') {
            counts.kept++;
            continue;
          }
          dropMessages(conversation.id);
          conversations.set(conversation.id, conversation);
          for (const message of own) messages.set(message.id, message);
          counts[decision === 'add' ? 'added' : 'replaced']++;
        }
        return counts;
      });
    },

    close() {},
  };
}

function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (error) {
    throw toHistoryError(error);
  }
}
