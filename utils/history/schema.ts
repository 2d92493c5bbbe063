/** The history database's shape at its current version (see migrations.ts for how it got there). */
import type { DBSchema } from 'idb';
import type { ConversationSummary, StoredMessage } from './types';

/** One term's conversations: in how many of its messages (`m`), and whether in its title (`t`). */
export interface TermRecord {
  term: string;
  hits: Record<string, { m: number; t?: true }>;
}

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
  /** The word index: one record per term, keyed by the term so a prefix is a key range. */
  searchTerms: {
    key: string;
    value: TermRecord;
  };
  /** In how many conversations each term appears: small records, for choosing a prefix's completions. */
  termCounts: {
    key: string;
    value: { term: string; conversations: number };
  };
  messageTerms: {
    key: string;
    value: MessageTerms;
    indexes: { byConversation: string };
  };
}
