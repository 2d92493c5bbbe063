/**
 * What the options page asks of the background, with `runtime.sendMessage`, validated there and
 * accepted only from the extension's pages: deleting the saved history, the saved history for
 * Export all (answered with a HistoryDump), and merging an imported one (answered with
 * ImportCounts, or `{ error }`). Private windows' conversations are never in these.
 */
import * as v from 'valibot';
import { HistoryDumpSchema } from './backup-file';

export const OptionsMessageSchema = v.variant('type', [
  v.object({ type: v.literal('clear-saved-history') }),
  v.object({ type: v.literal('export-history') }),
  v.object({ type: v.literal('import-history'), dump: HistoryDumpSchema }),
]);
export type OptionsMessage = v.InferOutput<typeof OptionsMessageSchema>;

/** The answer to `export-history`: the saved conversations and their messages. */
export type HistoryDump = v.InferOutput<typeof HistoryDumpSchema>;

/** The answer to `import-history`: conversations new here, replaced by a newer copy, and kept because this one was as new or newer. */
export interface ImportCounts {
  added: number;
  replaced: number;
  kept: number;
}

export function parseOptionsMessage(value: unknown): OptionsMessage | undefined {
  const result = v.safeParse(OptionsMessageSchema, value);
  return result.success ? result.output : undefined;
}
