/** The page's title, address and selection for a prompt's placeholders, read as "Share this page" reads them. */
import { openPage, PageAccessError, readShareContext } from './functions/page-access';
import type { PromptPageAnswer } from '../contract/prompt-page';

export async function readPromptPage(windowId: number): Promise<PromptPageAnswer> {
  try {
    return { ok: true, ...(await readShareContext(await openPage(windowId))) };
  } catch (error) {
    return { ok: false, message: error instanceof PageAccessError ? error.message : String(error) };
  }
}
