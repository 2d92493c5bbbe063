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
import type { PortLike } from '@/utils/contract/port-messages';
import { parseOptionsMessage } from '@/utils/contract/options-messages';
import { answerOptionsRequest } from '@/utils/background/options-requests';
import { isOwnExtensionPage } from '@/utils/background/port-sender';
import { configureLogging, debugLog } from '@/utils/log';
import { keepSelectionMenuCurrent, onSelectionMenuClick } from '@/utils/background/selection-menu';
import { onSelectionPromptCommand } from '@/utils/background/selection-prompt';
import { readPromptPage } from '@/utils/background/prompt-page';
import { parsePromptPageRequest } from '@/utils/contract/prompt-page';
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
  keepSelectionMenuCurrent();
  browser.contextMenus.onClicked.addListener(onSelectionMenuClick);
  browser.commands.onCommand.addListener(onSelectionPromptCommand);
  void loadSettings().then((settings) => {
    configureLogging(loggingFrom(settings));
    void syncOriginRule(settings.endpoint);
  });
  settingsItem.watch((settings, previous) => {
    configureLogging(loggingFrom(settings));
    // The rule follows the endpoint's origin; a theme or history-limit change leaves it as it is.
    if (settings.endpoint.url !== previous?.endpoint?.url || settings.endpoint.type !== previous?.endpoint?.type) void syncOriginRule(settings.endpoint);
    void forgetFallback();
  });
  browser.runtime.onMessage.addListener((raw, sender) => {
    if (!isOwnExtensionPage(sender, browser.runtime.id, browser.runtime.getURL('/'))) return undefined;
    const promptPage = parsePromptPageRequest(raw);
    if (promptPage) return readPromptPage(promptPage.windowId);
    const message = parseOptionsMessage(raw);
    if (!message) return undefined;
    return answerOptionsRequest(message, { hub, savedHistory: () => historyStoreFor(-1) });
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
