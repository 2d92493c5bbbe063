import { browser } from 'wxt/browser';
import { attachChatSession } from '@/utils/chat-session';
import { forgetFallback } from '@/utils/conversation-state';
import { useToolbarClickHandler } from '@/utils/open-panel';
import type { PortLike } from '@/utils/port-messages';
import { loadSettings, settingsItem } from '@/utils/settings';

export default defineBackground(() => {
  useToolbarClickHandler();
  settingsItem.watch(() => void forgetFallback());
  browser.runtime.onConnect.addListener((port) => attachChatSession(port as PortLike, { loadSettings }));
});
