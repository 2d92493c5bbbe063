/**
 * The message box's state: the draft, "Share this page" for the next message, selections quoted
 * into the draft from the context menu, and prompts put into it (by `/` or a selection action).
 */
import { signal } from '@preact/signals';
import type { ChatModel } from './conversation-model';
import { quoteBlock, type PromptOffer } from '../selection-quote';

export type ComposerModel = ReturnType<typeof createComposerModel>;

export function createComposerModel(chat: Pick<ChatModel, 'send'>) {
  const draft = signal('');
  /** Applies to the next message only: sharing the page is a choice made per message. */
  const sharePage = signal(false);
  /** Counts what was put into the box (quotes, prompts), so it can take focus with the caret at the end. */
  const insertions = signal(0);
  /** Why part of a prompt put into the box is empty; shown until the next message. */
  const notice = signal<string | undefined>(undefined);

  function submit(): boolean {
    if (!chat.send(draft.value, { shareContext: sharePage.value })) return false;
    draft.value = '';
    sharePage.value = false;
    notice.value = undefined;
    return true;
  }

  /** After what is in the box already, so a draft being written is never lost. */
  function append(text: string): void {
    const before = draft.value.trimEnd();
    draft.value = `${before ? `${before}\n\n` : ''}${text}`;
    insertions.value++;
  }

  function quote(selection: string): void {
    if (selection.trim()) append(quoteBlock(selection));
  }

  /** A selection prompt from the background: sent as a message of its own, or (when it can't be, or shouldn't) put into the box. */
  function runPrompt(offer: PromptOffer): void {
    if (offer.send && chat.send(offer.text)) return;
    append(offer.text);
    notice.value = offer.notice;
  }

  /** A prompt chosen after `/` replaced the draft: the caret goes to its end. */
  function inserted(message?: string): void {
    insertions.value++;
    notice.value = message;
  }

  return { draft, sharePage, insertions, notice, submit, quote, runPrompt, inserted };
}
