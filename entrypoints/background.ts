import { defineBackground } from 'wxt/utils/define-background';
import { browser } from 'wxt/browser';
import { createPanelHub } from '@/utils/background/hub';
import { attachPanelPort } from '@/utils/background/panel-connection';
import { historyStoreFor } from '@/utils/background/history-stores';
import { forgetFallback } from '@/utils/background/fallback-memory';
import { useToolbarClickHandler } from '@/utils/background/open-panel';
import { pageTools } from '@/utils/background/page-tools';
import { syncOriginRule } from '@/utils/endpoint/origin-rule';
import { rememberPanelTab } from '@/utils/background/panel-tab';
import { parseOptionsMessage, type PortLike } from '@/utils/contract/port-messages';
import { isOwnExtensionPage } from '@/utils/background/port-sender';
import { configureLogging, debugLog } from '@/utils/log';
import { createSelectionMenu, onSelectionMenuClick } from '@/utils/background/selection-menu';
import { loadSettings, loggingFrom, settingsItem } from '@/utils/settings';

export default defineBackground(() => {
  // First, so the replies a terminated worker left running resume before any panel asks.
  const hub = createPanelHub({
    loadSettings,
    pageTools,
    storeFor: historyStoreFor,
  });
  useToolbarClickHandler();
  // The clicked tab is the page the panel belongs to: the click granted activeTab for it.
  browser.action.onClicked.addListener((tab) => void rememberPanelTab(tab));
  browser.runtime.onInstalled.addListener(createSelectionMenu);
  browser.contextMenus.onClicked.addListener(onSelectionMenuClick);
  void loadSettings().then((settings) => {
    configureLogging(loggingFrom(settings));
    void syncOriginRule(settings.endpoint);
  });
  settingsItem.watch((settings) => {
    configureLogging(loggingFrom(settings));
    void syncOriginRule(settings.endpoint);
    void forgetFallback();
  });
  browser.runtime.onMessage.addListener((raw, sender) => {
    const message = isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/')) ? parseOptionsMessage(raw) : undefined;
    if (!message) return undefined;
    return hub.clearSavedHistory();
  });
  browser.runtime.onConnect.addListener((port) => {
    if (isOwnExtensionPage(port.sender, browser.runtime.id, browser.runtime.getURL('/'))) {
      attachPanelPort(port as PortLike, hub);
    } else {
      debugLog('port', 'refused a port from outside the extension pages', port.sender?.url);
      port.disconnect();
    }
  });
});
