/** Copying text for the Copy buttons, and what the button says afterwards. */

/** How long a Copy button shows the outcome before it reads "Copy" again. */
export const COPY_FEEDBACK_MS = 1500;

export type CopyOutcome = 'Copied' | 'Copy failed';

/** Needs a user gesture in a focused page, which a click on the button is. */
export async function copyText(text: string): Promise<CopyOutcome> {
  try {
    await navigator.clipboard.writeText(text);
    return 'Copied';
  } catch {
    return 'Copy failed';
  }
}
