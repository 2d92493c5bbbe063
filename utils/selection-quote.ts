/**
 * A selection on its way from the context menu or the keyboard command (background) to the
 * message box (panel): quoted, or filled into a prompt. It travels through storage.session: the
 * panel may be opening at that moment, or the service worker may stop right after the click, and
 * storage outlives both.
 */
import { storage } from 'wxt/utils/storage';

/** `send`: send it at once (else it goes into the message box); `notice`: what could not be filled in, and why. */
export interface PromptOffer {
  text: string;
  send: boolean;
  notice?: string;
}

export type SelectionOffer = { kind: 'quote'; selection: string } | ({ kind: 'prompt' } & PromptOffer);

export interface SelectionOfferHandlers {
  quote(selection: string): void;
  prompt(offer: PromptOffer): void;
}

const offerKey = (windowId: number) => `session:selectionOffer:${windowId}` as const;

export async function offerQuote(windowId: number, selection: string): Promise<void> {
  await storage.setItem<SelectionOffer>(offerKey(windowId), { kind: 'quote', selection });
}

export async function offerPrompt(windowId: number, offer: PromptOffer): Promise<void> {
  await storage.setItem<SelectionOffer>(offerKey(windowId), { kind: 'prompt', ...offer });
}

/** Hands each offer made to this window's panel (one waiting now included) to its handler, once each. */
export function receiveSelectionOffers(windowId: number, handlers: SelectionOfferHandlers): () => void {
  const take = async () => {
    const offer = await storage.getItem<SelectionOffer>(offerKey(windowId));
    if (offer === null) return;
    await storage.removeItem(offerKey(windowId));
    if (offer.kind === 'quote') handlers.quote(offer.selection);
    else handlers.prompt({ text: offer.text, send: offer.send, notice: offer.notice });
  };
  void take();
  return storage.watch<SelectionOffer>(offerKey(windowId), (offer) => {
    if (offer !== null) void take();
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
