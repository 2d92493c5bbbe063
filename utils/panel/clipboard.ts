/** Copying text for the Copy buttons, and what a button says afterwards. */
import { t } from '../i18n';

/** How long a Copy button shows the outcome before it reads as before. */
export const COPY_FEEDBACK_MS = 1500;

/**
 * Copies and returns the words for the outcome ("Copied" or "Copy failed"). Needs a user gesture
 * in a focused page, which a click on the button is.
 */
export async function copyText(text: string): Promise<string> {
  try {
    await navigator.clipboard.writeText(text);
    return t('copyDone');
  } catch {
    return t('copyFailed');
  }
}
