/**
 * Whether streaming fell back to regular mode for the current endpoint, in storage.session so a
 * restarted service worker still knows it. (Each conversation's server sessionId is kept with
 * the conversation, in the history.)
 */
import { storage } from 'wxt/utils/storage';

const fallbackItem = storage.defineItem<string | null>('session:streamingFallback', { fallback: null });

export async function hasFallenBack(endpointKey: string): Promise<boolean> {
  return (await fallbackItem.getValue()) === endpointKey;
}

export async function rememberFallback(endpointKey: string): Promise<void> {
  await fallbackItem.setValue(endpointKey);
}

/** Called when the settings change: the new endpoint gets a fresh chance to stream. */
export async function forgetFallback(): Promise<void> {
  await fallbackItem.removeValue();
}
