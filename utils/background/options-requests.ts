/** The options page's requests about the saved history (never a private window's): clear, export, import. */
import type { OptionsMessage } from '../contract/options-messages';
import type { HistoryDump, HistoryStore, ImportCounts } from '../history/types';
import type { PanelHub } from './hub';

export interface OptionsRequestDeps {
  hub: Pick<PanelHub, 'clearSavedHistory'>;
  /** The history on disk. */
  savedHistory(): Promise<HistoryStore>;
}

export async function answerOptionsRequest(message: OptionsMessage, deps: OptionsRequestDeps): Promise<HistoryDump | ImportCounts | void> {
  switch (message.type) {
    case 'clear-saved-history':
      return deps.hub.clearSavedHistory();
    case 'export-history':
      return (await deps.savedHistory()).dump();
    case 'import-history':
      return (await deps.savedHistory()).importConversations(message.dump);
  }
}
