/** What the history keeps: conversations, their messages, and the store both implementations follow. */
import type { CallView } from '../contract/port-messages';
import type { Usage } from '../contract/sidechat-wire';
import type { ImportCounts } from '../contract/options-messages';

export type StoredMessageState = 'pending' | 'streaming' | 'done' | 'stopped' | 'error';

/** A whole message as last seen: every write replaces the record, so it never depends on an earlier one. */
export interface StoredMessage {
  id: string;
  conversationId: string;
  /** The message's place in its conversation; increases, may have gaps. */
  seq: number;
  author: 'user' | 'assistant';
  text: string;
  state: StoredMessageState;
  /** For an assistant message: the user text it answers, asked again by Retry. */
  prompt?: string;
  usage?: Usage;
  error?: string;
  notice?: string;
  calls?: CallView[];
  createdAt: number;
}

export interface ConversationSummary {
  id: string;
  /** From the first user message; empty until there is one. */
  title: string;
  createdAt: number;
  updatedAt: number;
  messageCount: number;
  /** The server session that continues this conversation, valid only for `endpointKey`. */
  sessionId?: string;
  endpointKey?: string;
  /** Kept at the top of the list. */
  pinned?: boolean;
  /** The user named it: the title is theirs, never generated again. */
  renamed?: boolean;
}

export type ConversationInit = Partial<Pick<ConversationSummary, 'id' | 'title' | 'sessionId' | 'endpointKey'>>;
export type ConversationPatch = Partial<Pick<ConversationSummary, 'title' | 'sessionId' | 'endpointKey' | 'pinned' | 'renamed'>>;

/** A conversation that answers a search, with where the words are: [start, end) ranges to highlight. */
export interface SearchHit {
  conversation: ConversationSummary;
  titleMarks: Array<[number, number]>;
  /** A passage of the message with the most of the query's words. */
  snippet?: { text: string; marks: Array<[number, number]> };
}

/** The best hits of a search, and how many conversations answered it in all. */
export interface SearchResult {
  hits: SearchHit[];
  total: number;
}

/** Everything in a store, as Export all takes it. */
export interface HistoryDump {
  conversations: ConversationSummary[];
  messages: StoredMessage[];
}

/** What an import did (the options page is told it): in the contract. */
export type { ImportCounts };

export interface RecentMessages {
  /** Oldest first. */
  messages: StoredMessage[];
  hasOlder: boolean;
}

/** Every method rejects with a HistoryError when storage fails; a failed write changes nothing. */
export interface HistoryStore {
  createConversation(init?: ConversationInit): Promise<ConversationSummary>;
  getConversation(id: string): Promise<ConversationSummary | undefined>;
  /** Pinned ones first, then the most recently updated first. */
  listConversations(): Promise<ConversationSummary[]>;
  /** The conversations whose title or messages have every word of `query`, best first (at most `limit`), and how many there are. */
  search(query: string, limit: number): Promise<SearchResult>;
  /** Resolves to undefined when there is no such conversation. */
  updateConversation(id: string, patch: ConversationPatch): Promise<ConversationSummary | undefined>;
  /** The conversation and all its messages. */
  deleteConversation(id: string): Promise<void>;
  clearAll(): Promise<void>;
  /**
   * Inserts or replaces each message by id, in one transaction, and brings each conversation's
   * updatedAt, messageCount and title along. Messages of a conversation that no longer exists
   * (deleted while its reply streamed) are dropped.
   */
  putMessages(messages: StoredMessage[]): Promise<void>;
  /** Drops the messages with seq ≥ fromSeq: the last exchange taken back for editing. */
  deleteMessages(conversationId: string, fromSeq: number): Promise<void>;
  /** One message by id, whichever conversation and however far back it is. */
  getMessage(id: string): Promise<StoredMessage | undefined>;
  /** The last `limit` messages before `beforeSeq` (or the end), and whether older ones remain. */
  loadRecent(conversationId: string, limit: number, beforeSeq?: number): Promise<RecentMessages>;
  /** The seq for the conversation's next message. */
  nextSeq(conversationId: string): Promise<number>;
  dump(): Promise<HistoryDump>;
  /** Merges by conversation id, in one transaction: the copy with the newer `updatedAt` wins, whole, with its messages. */
  importConversations(dump: HistoryDump): Promise<ImportCounts>;
  close(): void;
}
