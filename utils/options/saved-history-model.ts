/**
 * Options → History: deleting every saved conversation, after a second, explicit click. The
 * background does the deleting (it also stops the replies that would save into that history).
 */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { OptionsMessage } from '../contract/port-messages';

export type ClearStep = 'idle' | 'confirm' | 'done' | 'failed';

export type SavedHistoryModel = ReturnType<typeof createSavedHistoryModel>;

export function createSavedHistoryModel(send: (message: OptionsMessage) => Promise<unknown> = (message) => browser.runtime.sendMessage(message)) {
  const step = signal<ClearStep>('idle');

  async function clear(): Promise<void> {
    try {
      await send({ type: 'clear-saved-history' });
      step.value = 'done';
    } catch {
      step.value = 'failed';
    }
  }

  return {
    step,
    /** The first click: asks for the second. */
    ask: () => void (step.value = 'confirm'),
    cancel: () => void (step.value = 'idle'),
    clear,
  };
}
