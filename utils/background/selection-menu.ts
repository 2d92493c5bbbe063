/**
 * "Ask Sidechat about the selection" in the page's context menu: it opens the panel with the
 * selection quoted in the message box. The click also grants activeTab for the page, so that
 * page becomes the one the panel belongs to.
 */
import { browser, type Browser } from 'wxt/browser';
import { t } from '../i18n';
import { debugLog } from '../log';
import { openPanelInWindow } from './open-panel';
import { rememberPanelTab } from './panel-tab';
import { offerQuote } from '../selection-quote';

export const SELECTION_MENU_ID = 'sidechat-ask-about-selection';

/** Menus persist across restarts: created once, when the extension is installed or updated. */
export function createSelectionMenu(): void {
  browser.contextMenus.create({ id: SELECTION_MENU_ID, title: t('menuAskAboutSelection'), contexts: ['selection'] }, () => {
    // Read, so the browser doesn't log a duplicate-id error on updates as unchecked.
    if (browser.runtime.lastError) debugLog('menu', 'create', browser.runtime.lastError.message);
  });
}

export function onSelectionMenuClick(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab): void {
  if (info.menuItemId !== SELECTION_MENU_ID || tab?.windowId === undefined) return;
  // First, while the click's user gesture is current.
  openPanelInWindow(tab.windowId);
  void rememberPanelTab(tab);
  void offerQuote(tab.windowId, info.selectionText ?? '');
}
