/**
 * The conversation list's search, pins and names, and Export of a conversation, on the panel's
 * side. A search goes out once typing pauses; only the answer to what the box says now is shown.
 */
import { signal } from '@preact/signals';
import type { BackgroundMessage, PanelTransport, SearchItem } from '../contract/port-messages';

const SEARCH_DEBOUNCE_MS = 150;

export interface HistoryModelOptions {
  /** Saves a file for the user (an anchor with a blob URL in the panel). */
  saveFile(fileName: string, text: string, type: string): void;
  debounceMs?: number;
  setTimer?: (callback: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export type HistoryModel = ReturnType<typeof createHistoryModel>;

export function createHistoryModel(transport: PanelTransport, options: HistoryModelOptions) {
  const { debounceMs = SEARCH_DEBOUNCE_MS, setTimer = setTimeout, clearTimer = (timer: unknown) => clearTimeout(timer as number) } = options;
  const query = signal('');
  /** The answer for the query in the box; undefined while there is none (no query, or the answer is on its way). */
  const results = signal<SearchItem[] | undefined>(undefined);
  /** How many conversations answered the query; `results` has the best of them. */
  const total = signal(0);
  let timer: unknown;

  const asked = () => query.value.trim();

  function search(): void {
    if (asked()) transport.post({ type: 'search', query: asked() });
    else transport.post({ type: 'list' });
  }

  function setQuery(text: string): void {
    query.value = text;
    if (timer !== undefined) clearTimer(timer);
    timer = undefined;
    if (!text.trim()) {
      results.value = undefined;
      return;
    }
    timer = setTimer(() => {
      timer = undefined;
      search();
    }, debounceMs);
  }

  /** Takes the messages meant for it; returns whether it did. */
  function receive(message: BackgroundMessage): boolean {
    if (message.type === 'search-results') {
      if (message.query === asked()) [results.value, total.value] = [message.items, message.total];
      return true;
    }
    if (message.type === 'conversation-export') {
      options.saveFile(message.fileName, message.markdown, 'text/markdown;charset=utf-8');
      return true;
    }
    return false;
  }

  return {
    query,
    results,
    total,
    setQuery,
    receive,
    /** Shows the list afresh after a change: the search's answer, or the whole list. */
    pin(conversationId: string, pinned: boolean): void {
      transport.post({ type: 'pin', conversationId, pinned });
      search();
    },
    rename(conversationId: string, title: string): boolean {
      if (!title.trim()) return false;
      transport.post({ type: 'rename', conversationId, title: title.trim() });
      search();
      return true;
    },
    exportConversation: (conversationId: string) => transport.post({ type: 'export-conversation', conversationId }),
    /** The list closed: the next time it opens, it opens on every conversation. */
    reset(): void {
      setQuery('');
    },
  };
}
