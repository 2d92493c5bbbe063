/**
 * A window's conversation as a panel is shown it, a page at a time: the saved messages, with the
 * replies still running as far as they got. A reply saved as running that no worker runs any more
 * (and none could resume) is shown, and saved, as interrupted.
 */
import type { HistoryStore, RecentMessages } from '../history/types';
import { t } from '../i18n';
import { isRunning, type MessageSnapshot, type MessageView } from '../contract/port-messages';
import type { LiveReplies } from './live-replies';
import type { Settings } from '../settings';

/** Messages per page scrolled up to; the first page is the history limit. */
export const OLDER_PAGE_SIZE = 50;

export type ConversationPage = { messages: MessageView[]; hasOlder: boolean };

export interface ConversationPageDeps {
  replies: LiveReplies;
  storeOf(windowId: number): Promise<HistoryStore>;
  loadSettings(): Promise<Settings>;
  /** Saves messages to the window's history, telling its panels when that fails. */
  save(windowId: number, store: HistoryStore, conversationId: string, messages: MessageSnapshot[]): Promise<void>;
}

export function createConversationPages({ replies, storeOf, loadSettings, save }: ConversationPageDeps) {
  /**
   * Hands `show` the page before `beforeSeq` (the newest page without it). From the page read to
   * `show`, nothing awaits, so whoever is shown it hears every chunk after it and none before.
   */
  async function showPage(windowId: number, conversationId: string | undefined, beforeSeq: number | undefined, show: (page: ConversationPage) => void): Promise<void> {
    const store = await storeOf(windowId);
    if (!conversationId) return show({ messages: [], hasOlder: false });
    const limit = beforeSeq === undefined ? (await loadSettings()).historyLimit : OLDER_PAGE_SIZE;
    const waited = new Set<string>();
    for (;;) {
      const page = await store.loadRecent(conversationId, limit, beforeSeq);
      // A reply that ended while the page was read: read again once its last save is in.
      const ending = page.messages.filter((m) => isRunning(m.state) && !replies.record(m.id) && !waited.has(m.id));
      const saves = ending.flatMap((m) => replies.lastSave(m.id) ?? []);
      if (saves.length === 0) return show(present(windowId, store, conversationId, page));
      ending.forEach((m) => waited.add(m.id));
      await Promise.all(saves);
    }
  }

  function present(windowId: number, store: HistoryStore, conversationId: string, page: RecentMessages): ConversationPage {
    const stale: MessageSnapshot[] = [];
    const messages = page.messages.map((saved): MessageView => {
      const { conversationId: _, createdAt: __, ...message } = saved;
      const running = replies.record(message.id);
      if (running) return running;
      if (message.author !== 'assistant' || !isRunning(message.state)) return message;
      const settled: MessageSnapshot = { ...message, state: 'error', error: t('replyInterrupted') };
      stale.push(settled);
      return settled;
    });
    if (stale.length) void save(windowId, store, conversationId, stale).catch(() => {});
    return { messages, hasOlder: page.hasOlder };
  }

  return { showPage };
}
