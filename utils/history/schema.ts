/** The history database's shape at its current version (see migrations.ts for how it got there). */
import type { DBSchema } from 'idb';
import type { ConversationSummary, StoredMessage } from './types';

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
}
