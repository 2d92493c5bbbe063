/** The panel's side of asking the background for the page's title, address and selection (a prompt's placeholders). */
import { browser } from 'wxt/browser';
import type { PromptPageAnswer, PromptPageRequest } from '../contract/prompt-page';
import { t } from '../i18n';

export async function requestPromptPage(windowId: number): Promise<PromptPageAnswer> {
  const request: PromptPageRequest = { type: 'prompt-page', windowId };
  try {
    const answer = (await browser.runtime.sendMessage(request)) as PromptPageAnswer | undefined;
    return answer && typeof answer.ok === 'boolean' ? answer : { ok: false, message: t('pageNoAccess') };
  } catch (error) {
    return { ok: false, message: t('pageCouldNotRead', (error as Error).message) };
  }
}
