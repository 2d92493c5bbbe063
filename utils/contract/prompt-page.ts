/**
 * The panel asking the background for the page's title, address and selection, to fill a
 * prompt's placeholders. Answered the way "Share this page" reads them (the same page, the same
 * access rules, no consent prompt); nothing of the page's body is read.
 */
import * as v from 'valibot';
import type { PageContext } from './sidechat-wire';

export const PromptPageRequestSchema = v.object({ type: v.literal('prompt-page'), windowId: v.pipe(v.number(), v.integer()) });
export type PromptPageRequest = v.InferOutput<typeof PromptPageRequestSchema>;

/** `message`: why the page can't be read, in words for the user. */
export type PromptPageAnswer = ({ ok: true } & PageContext) | { ok: false; message: string };

export function parsePromptPageRequest(value: unknown): PromptPageRequest | undefined {
  const result = v.safeParse(PromptPageRequestSchema, value);
  return result.success ? result.output : undefined;
}
