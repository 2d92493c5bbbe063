/**
 * The "Sidechat" submenu on selected text: "Ask Sidechat about the selection" (the selection
 * quoted in the message box) and one entry per prompt that uses {{selection}}. A click also grants
 * activeTab for the page, so that page becomes the one the panel belongs to.
 */
import { browser, type Browser } from 'wxt/browser';
import { t } from '../i18n';
import { debugLog } from '../log';
import { loadPromptLibrary, promptLibraryItem } from '../prompt-library';
import { usesSelection, type Prompt } from '../contract/prompts';
import { offerQuote } from '../selection-quote';
import { openPanelInWindow } from './open-panel';
import { rememberPanelTab } from './panel-tab';
import { runSelectionPrompt } from './selection-prompt';

export const SELECTION_MENU_ID = 'sidechat-ask-about-selection';
export const SELECTION_PARENT_ID = 'sidechat-selection';
const PROMPT_ID_PREFIX = 'sidechat-prompt:';

type MenuEntry = Browser.contextMenus.CreateProperties & { id: string };

/** What the menu holds for these prompts, in order. */
export function selectionMenuEntries(prompts: Prompt[]): MenuEntry[] {
  const contexts: MenuEntry['contexts'] = ['selection'];
  return [
    { id: SELECTION_PARENT_ID, title: t('menuSelectionParent'), contexts },
    { id: SELECTION_MENU_ID, parentId: SELECTION_PARENT_ID, title: t('menuAskAboutSelection'), contexts },
    ...prompts.filter(usesSelection).map((prompt) => ({ id: `${PROMPT_ID_PREFIX}${prompt.id}`, parentId: SELECTION_PARENT_ID, title: menuTitle(prompt.name), contexts })),
  ];
}

/** Firefox reads `&` as an access-key marker; `&&` is a literal one. Chrome escapes it itself. */
const menuTitle = (name: string) => (import.meta.env.FIREFOX ? name.replaceAll('&', '&&') : name);

export type MenusApi = Pick<typeof browser.contextMenus, 'create' | 'removeAll'>;

/**
 * Menus persist across restarts, so they are rebuilt only when they may have changed: on install
 * or update, and when the prompts change. Rebuilds run one after another, each with the prompts
 * as they are when it starts, so two quick edits can't interleave into duplicate ids.
 */
export function createSelectionMenuBuilder(menus: MenusApi = browser.contextMenus, loadPrompts = async () => (await loadPromptLibrary()).prompts) {
  let queue = Promise.resolve();
  const build = async () => {
    const entries = selectionMenuEntries(await loadPrompts());
    await menus.removeAll();
    for (const entry of entries) {
      menus.create(entry, () => {
        // Read, so the browser doesn't log a failed create as unchecked.
        if (browser.runtime.lastError) debugLog('menu', 'create', browser.runtime.lastError.message);
      });
    }
  };
  return function rebuild(): Promise<void> {
    queue = queue.then(build).catch((error: unknown) => debugLog('menu', 'could not rebuild the selection menu', error));
    return queue;
  };
}

/** Wires the rebuilds: on install or update (menus start empty then), and on every change to the prompts. */
export function keepSelectionMenuCurrent(rebuild: () => Promise<void> = createSelectionMenuBuilder()): void {
  browser.runtime.onInstalled.addListener(() => void rebuild());
  promptLibraryItem.watch(() => void rebuild());
}

export function onSelectionMenuClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void {
  const id = String(info.menuItemId);
  const promptId = id.startsWith(PROMPT_ID_PREFIX) ? id.slice(PROMPT_ID_PREFIX.length) : undefined;
  if ((id !== SELECTION_MENU_ID && promptId === undefined) || tab?.windowId === undefined) return;
  // First, while the click's user gesture is current.
  openPanelInWindow(tab.windowId);
  void rememberPanelTab(tab);
  const selection = info.selectionText ?? '';
  if (promptId === undefined) void offerQuote(tab.windowId, selection);
  else void runSelectionPrompt(tab, { promptId, selection });
}
