/**
 * The conversation on the panel's screen, as signals: its messages (the newest, within the
 * history limit), which saved conversation it is, and whether older messages wait to be loaded.
 */
import { computed, signal } from '@preact/signals';
import { isRunning } from '../contract/port-messages';
import type { ChatMessage } from './message-model';

export type ShownConversation = ReturnType<typeof createShownConversation>;

export function createShownConversation(historyLimit: number) {
  const messages = signal<ChatMessage[]>([]);
  const conversationId = signal<string | undefined>(undefined);
  /** Saved messages older than the first one on screen exist; they load on scroll. */
  const hasOlder = signal(false);
  const loadingOlder = signal(false);
  const limit = signal(historyLimit);
  const activeReply = computed(() => messages.value.find((m) => m.author === 'assistant' && isRunning(m.state.value)));

  /** Drops the oldest messages beyond the history limit; they stay saved and load on scroll. */
  function trimmed(list: ChatMessage[]): ChatMessage[] {
    const excess = list.length - limit.value;
    if (excess <= 0) return list;
    hasOlder.value = true;
    return list.slice(excess);
  }

  return {
    messages,
    conversationId,
    hasOlder,
    loadingOlder,
    activeReply,
    trimmed,
    byId: (id: string) => messages.value.find((m) => m.id === id),
    setHistoryLimit(next: number): void {
      limit.value = next;
      messages.value = trimmed(messages.value);
    },
  };
}
