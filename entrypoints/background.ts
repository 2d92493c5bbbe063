import { browser } from 'wxt/browser';
import { attachChatSession } from '@/utils/chat-session';
import { forgetFallback } from '@/utils/conversation-state';
import { useToolbarClickHandler } from '@/utils/open-panel';
import type { PortLike } from '@/utils/port-messages';
import { isOwnExtensionPage } from '@/utils/port-sender';
import { configureLogging, debugLog } from '@/utils/log';
import { loadSettings, settingsItem } from '@/utils/settings';

export default defineBackground(() => {
  useToolbarClickHandler();
  void loadSettings().then(configureLogging);
  settingsItem.watch((settings) => {
    configureLogging(settings);
    void forgetFallback();
  });
  browser.runtime.onConnect.addListener((port) => {
    if (isOwnExtensionPage(port.sender, browser.runtime.id, browser.runtime.getURL('/'))) {
      attachChatSession(port as PortLike, { loadSettings });
    } else {
      debugLog('port', 'refused a port from outside the extension pages', port.sender?.url);
      port.disconnect();
    }
  });
});
