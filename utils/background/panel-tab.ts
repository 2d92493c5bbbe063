/**
 * Which page the panel of a window belongs to: the tab the user clicked Sidechat on (toolbar
 * button or context menu) — the click that grants activeTab for it. The panel stays open across
 * tab switches, and `tabs.query({ active: true })` would then name a tab Sidechat may not read,
 * so the clicked tab is remembered, in storage.session so a restarted service worker knows it.
 */
import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { panelTabKey } from '../contract/storage-keys';
import { t } from '../i18n';


export class PanelTabError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PanelTabError';
  }
}

export async function rememberPanelTab(tab: Pick<Browser.tabs.Tab, 'id' | 'windowId'>): Promise<void> {
  if (tab.id === undefined || tab.windowId === undefined) return;
  await storage.setItem<number>(panelTabKey(tab.windowId), tab.id);
}

/** The tab the user clicked Sidechat on in this window, if they did (and it may since have closed). */
export async function clickedTab(windowId: number): Promise<number | undefined> {
  return (await storage.getItem<number>(panelTabKey(windowId))) ?? undefined;
}

/**
 * The remembered tab; without one (the panel was opened some other way: Firefox's sidebar menu,
 * or sidepanel.html in a tab of its own), the window's most recently focused web tab.
 */
export async function panelTab(windowId: number, remembered?: number): Promise<Browser.tabs.Tab> {
  remembered ??= await clickedTab(windowId);
  if (remembered !== undefined) {
    const tab = await browser.tabs.get(remembered).catch(() => undefined);
    if (tab?.windowId === windowId) return tab;
    await storage.removeItem(panelTabKey(windowId));
    throw new PanelTabError(t('panelTabClosed'));
  }
  const ownPages = browser.runtime.getURL('/');
  const tabs = await browser.tabs.query({ windowId, windowType: 'normal' });
  // Chrome before 121 has no lastAccessed: the active tab then stands in.
  const recency = (tab: Browser.tabs.Tab) => tab.lastAccessed ?? (tab.active ? 1 : 0);
  const [latest] = tabs.filter((tab) => !tab.url?.startsWith(ownPages)).sort((a, b) => recency(b) - recency(a));
  if (!latest) throw new PanelTabError(t('panelTabNone'));
  return latest;
}
