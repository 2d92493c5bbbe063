/** The toolbar button opens the chat: Chrome's side panel, or Firefox's sidebar. */
import { browser, type Browser } from 'wxt/browser';
import { debugLog } from '../log';

interface FirefoxSidebarAction {
  toggle(): Promise<void>;
  open(): Promise<void>;
}

export function openPanelFromToolbar(tab: Browser.tabs.Tab): void {
  const sidebarAction = (browser as unknown as { sidebarAction?: FirefoxSidebarAction }).sidebarAction;
  // Both calls must happen synchronously inside the click: they need its user gesture.
  if (sidebarAction) void sidebarAction.toggle();
  else if (tab.windowId !== undefined) void browser.sidePanel.open({ windowId: tab.windowId });
}

/** Opens (never closes) the panel, from a click other than the toolbar's, e.g. a context-menu entry. */
export function openPanelInWindow(windowId: number): void {
  const sidebarAction = (browser as unknown as { sidebarAction?: FirefoxSidebarAction }).sidebarAction;
  const opened = sidebarAction ? sidebarAction.open() : browser.sidePanel.open({ windowId });
  // Refused without a user gesture; the panel then picks the quote up when the user opens it.
  opened.catch((error: unknown) => debugLog('panel', 'could not open the panel', error));
}

/**
 * Chrome remembers `openPanelOnActionClick` across restarts; with it on, `action.onClicked`
 * never fires and the click grants no activeTab, so it is set off explicitly.
 */
export function useToolbarClickHandler(): void {
  if (browser.sidePanel?.setPanelBehavior) {
    void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: false });
  }
  browser.action.onClicked.addListener(openPanelFromToolbar);
}
