/**
 * The file Export all writes and Import reads: one versioned JSON document. The history part is
 * also what the options page and the background pass each other, validated at both ends.
 */
import * as v from 'valibot';
import { MessageSnapshotSchema } from './port-messages';

export const BACKUP_FORMAT = 'sidechat-backup';
export const BACKUP_VERSION = 1;

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const time = v.pipe(v.number(), v.finite());

export const StoredMessageSchema = v.object({ ...MessageSnapshotSchema.entries, conversationId: id, createdAt: time });

export const ConversationSummarySchema = v.object({
  id,
  title: v.pipe(v.string(), v.maxLength(1000)),
  createdAt: time,
  updatedAt: time,
  messageCount: v.pipe(v.number(), v.integer(), v.minValue(0)),
  sessionId: v.optional(v.string()),
  endpointKey: v.optional(v.string()),
  pinned: v.optional(v.boolean()),
  renamed: v.optional(v.boolean()),
});

export const HistoryDumpSchema = v.object({
  conversations: v.array(ConversationSummarySchema),
  messages: v.array(StoredMessageSchema),
});

/** Only the format name and version are looked at first: a foreign or newer file is told apart from a damaged one. */
export const BackupHeaderSchema = v.object({ format: v.literal(BACKUP_FORMAT), version: v.pipe(v.number(), v.integer()) });

export const BackupFileSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: v.string(),
  /** Whether API keys were written into it (the user ticked the box). */
  includesKeys: v.boolean(),
  ...HistoryDumpSchema.entries,
  /** Each stored item by name (settings, siteGrants, prompts, …), checked by its own section on import. */
  sections: v.record(v.string(), v.unknown()),
});
export type BackupFile = v.InferOutput<typeof BackupFileSchema>;
