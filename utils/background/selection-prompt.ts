/**
 * A selection prompt run on the page's selection: chosen from the context menu, or the first one,
 * by the keyboard command. The panel gets it filled in, to send at once or to edit first (Options
 * → Prompts decides), the way it gets a quoted selection.
 */
import type { Browser } from 'wxt/browser';
import { t } from '../i18n';
import { fillForPage, loadPromptLibrary } from '../prompt-library';
import { usesSelection } from '../contract/prompts';
import { offerPrompt, offerQuote } from '../selection-quote';
import type { PromptPageAnswer } from '../contract/prompt-page';
import { unreadableReason } from './functions/page-access';
import { openPanelInWindow } from './open-panel';
import { rememberPanelTab } from './panel-tab';
import { readPromptPage } from './prompt-page';

export const SELECTION_PROMPT_COMMAND = 'run-selection-prompt';

/**
 * `selection`: the context menu's (the browser gives it with the click). Without it — the
 * keyboard command — it is read from the page as "Share this page" reads it.
 */
export async function runSelectionPrompt(tab: Browser.tabs.Tab & { windowId: number }, choice: { promptId?: string; selection?: string }): Promise<void> {
  const library = await loadPromptLibrary();
  const prompt = choice.promptId === undefined ? library.prompts.find(usesSelection) : library.prompts.find((p) => p.id === choice.promptId);
  const page = choice.selection === undefined ? await readPromptPage(tab.windowId) : clickedPage(tab);
  const selection = choice.selection ?? (page.ok ? (page.selection ?? '') : '');
  // A prompt deleted since the menu was built, or none that uses the selection: quote it instead.
  if (!prompt) {
    if (selection.trim()) await offerQuote(tab.windowId, selection);
    return;
  }
  const filled = fillForPage(prompt.text, page, choice.selection);
  const nothingSelected = page.ok && !selection.trim();
  await offerPrompt(tab.windowId, {
    text: filled.text,
    send: library.selectionAction === 'send' && !nothingSelected && !filled.notice,
    notice: filled.notice ?? (nothingSelected ? t('promptNoSelection') : undefined),
  });
}

/** The clicked tab's title and address: the click granted activeTab, so the browser shows them unless the page is its own. */
function clickedPage(tab: Browser.tabs.Tab): PromptPageAnswer {
  if (!tab.url) return { ok: false, message: t('pageNoAccess') };
  const reason = unreadableReason(tab.url);
  return reason ? { ok: false, message: reason } : { ok: true, url: tab.url, title: tab.title ?? '' };
}

export function onSelectionPromptCommand(command: string, tab?: Browser.tabs.Tab): void {
  if (command !== SELECTION_PROMPT_COMMAND || tab?.windowId === undefined) return;
  const windowId = tab.windowId;
  // First, while the keystroke's user gesture is current.
  openPanelInWindow(windowId);
  void rememberPanelTab(tab).then(() => runSelectionPrompt({ ...tab, windowId }, {}));
}
