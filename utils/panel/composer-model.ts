/**
 * The message box's state: the draft, "Share this page" for the next message, and selections
 * quoted into the draft from the context menu.
 */
import { signal } from '@preact/signals';
import type { ChatModel } from './conversation-model';
import { quoteBlock } from '../selection-quote';

export type ComposerModel = ReturnType<typeof createComposerModel>;

export function createComposerModel(chat: Pick<ChatModel, 'send'>) {
  const draft = signal('');
  /** Applies to the next message only: sharing the page is a choice made per message. */
  const sharePage = signal(false);
  /** Counts the quotes received, so the message box can take focus for the question. */
  const quotes = signal(0);

  function submit(): boolean {
    if (!chat.send(draft.value, { shareContext: sharePage.value })) return false;
    draft.value = '';
    sharePage.value = false;
    return true;
  }

  function quote(selection: string): void {
    if (!selection.trim()) return;
    const before = draft.value.trimEnd();
    draft.value = `${before ? `${before}\n\n` : ''}${quoteBlock(selection)}`;
    quotes.value++;
  }

  return { draft, sharePage, quotes, submit, quote };
}
