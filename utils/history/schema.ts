/** The history database's shape at its current version (see migrations.ts for how it got there). */
import type { DBSchema } from 'idb';
import type { TermPosting } from './search-ranking';
import type { ConversationSummary, StoredMessage } from './types';

/** The terms of one message as last indexed: what to take out of the postings when it changes. */
export interface MessageTerms {
  id: string;
  conversationId: string;
  terms: string[];
}

export const DB_NAME = 'sidechat-history';

export interface HistoryDB extends DBSchema {
  conversations: {
    key: string;
    value: ConversationSummary;
    indexes: { byUpdatedAt: number };
  };
  messages: {
    key: string;
    value: StoredMessage;
    /** A conversation's messages in order: ranges over [conversationId, seq]. */
    indexes: { byConversation: [string, number] };
  };
  /** The word index: one posting per term and conversation, keyed [term, conversationId] so a prefix is a key range. */
  searchTerms: {
    key: [string, string];
    value: TermPosting;
    indexes: { byConversation: string };
  };
  messageTerms: {
    key: string;
    value: MessageTerms;
    indexes: { byConversation: string };
  };
}
