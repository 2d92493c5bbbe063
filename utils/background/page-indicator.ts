/**
 * What the panel says about the page it would share: the tab Share and the page functions use,
 * by title, and whether the user is now looking at another tab. That other tab is not shared
 * until the user clicks Sidechat's toolbar button on it — the click that lets Sidechat read it
 * (activeTab); Sidechat does not ask for the `tabs` permission to follow tab switches by itself.
 */
import { browser } from 'wxt/browser';
import type { BackgroundMessage } from '../contract/port-messages';
import { clickedTab, panelTab } from './panel-tab';

export type PageMessage = Extract<BackgroundMessage, { type: 'page' }>;

export async function describePanelPage(windowId: number): Promise<PageMessage> {
  const clicked = await clickedTab(windowId);
  let tab;
  try {
    tab = await panelTab(windowId, clicked);
  } catch (error) {
    return { type: 'page', otherTab: false, problem: (error as Error).message };
  }
  const title = tab.title?.trim() || undefined;
  // Without a click the panel follows the most recently used tab: never another one than it shows.
  if (clicked === undefined) return { type: 'page', title, otherTab: false };
  const [active] = await browser.tabs.query({ active: true, windowId });
  return { type: 'page', title, otherTab: active?.id !== undefined && active.id !== tab.id };
}
