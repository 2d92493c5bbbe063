/**
 * A selection on its way from the context menu (background) to the message box (panel). It
 * travels through storage.session: the panel may be opening at that moment, or the service worker
 * may stop right after the click, and storage outlives both.
 */
import { storage } from 'wxt/utils/storage';

const quoteKey = (windowId: number) => `session:selectionQuote:${windowId}` as const;

export async function offerQuote(windowId: number, selection: string): Promise<void> {
  await storage.setItem<string>(quoteKey(windowId), selection);
}

/** Calls `onQuote` with each selection offered to this window's panel (one waiting now included), once each. */
export function receiveQuotes(windowId: number, onQuote: (selection: string) => void): () => void {
  const take = async () => {
    const selection = await storage.getItem<string>(quoteKey(windowId));
    if (selection === null) return;
    await storage.removeItem(quoteKey(windowId));
    onQuote(selection);
  };
  void take();
  return storage.watch<string>(quoteKey(windowId), (selection) => {
    if (selection !== null) void take();
  });
}

/** The selection as a quote in the message box, ready for the question under it. */
export function quoteBlock(selection: string): string {
  return `${selection
    .trim()
    .split(/\r?\n/)
    .map((line) => `> ${line}`.trimEnd())
    .join('\n')}\n\n`;
}
