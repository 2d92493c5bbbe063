/**
 * Which page Share and the page functions will use, as the panel shows it. Asked of the
 * background whenever that may have changed: the port (re)opened, the user switched tabs or a
 * tab of this window loaded or was renamed, or Sidechat's button was clicked on a tab.
 */
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { BackgroundMessage, PanelTransport } from '../contract/port-messages';
import { panelTabKey } from '../contract/storage-keys';

export type PanelPage = Extract<BackgroundMessage, { type: 'page' }>;

export type PageIndicator = ReturnType<typeof createPageIndicator>;

export function createPageIndicator(transport: PanelTransport) {
  const page = signal<PanelPage | undefined>(undefined);
  return {
    page,
    ask: () => transport.post({ type: 'which-page' }),
    receive(message: BackgroundMessage): boolean {
      if (message.type !== 'page') return false;
      page.value = message;
      return true;
    },
  };
}

/** Calls `changed` when the page the panel of `windowId` uses, or its title, may have changed. No `tabs` permission needed. */
export function watchPageChanges(windowId: number, changed: () => void): void {
  browser.tabs.onActivated.addListener((info) => info.windowId === windowId && changed());
  browser.tabs.onUpdated.addListener((_id, change, tab) => {
    if (tab.windowId === windowId && (change.status === 'complete' || change.title !== undefined)) changed();
  });
  browser.tabs.onRemoved.addListener((_id, info) => info.windowId === windowId && changed());
  // The background remembers the tab Sidechat's button was clicked on (panel-tab.ts).
  storage.watch<number>(panelTabKey(windowId), changed);
}
