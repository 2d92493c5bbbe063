import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createChatModel } from '@/utils/panel/conversation-model';
import { createComposerModel } from '@/utils/panel/composer-model';
import { localizeDocument } from '@/utils/i18n';
import { configureLogging } from '@/utils/log';
import { connectPanelPort } from '@/utils/panel/port-client';
import { receiveQuotes } from '@/utils/selection-quote';
import { loadSettings, loggingFrom, settingsItem } from '@/utils/settings';
import { applyTheme } from '@/utils/theme';
import { loadMarkdownRenderer } from '@/components/panel/MarkdownView';
import { App } from './App';
import '@/components/panel/panel.css';

async function main() {
  localizeDocument();
  const [settings, currentWindow] = await Promise.all([loadSettings(), browser.windows.getCurrent()]);
  configureLogging(loggingFrom(settings));
  applyTheme(settings.theme);
  const model = createChatModel(
    { post: (message) => transport.post(message) },
    { historyLimit: settings.historyLimit, nextFrame: (callback) => requestAnimationFrame(callback) },
  );
  const composer = createComposerModel(model);
  const windowId = currentWindow.id ?? browser.windows.WINDOW_ID_NONE;
  const transport = connectPanelPort(windowId, {
    onMessage: model.receive,
    onConnect: model.connected,
    onDisconnect: model.disconnected,
  });
  model.checkEndpoint();
  settingsItem.watch((next) => {
    configureLogging(loggingFrom(next));
    applyTheme(next.theme);
    model.setHistoryLimit(next.historyLimit);
    model.checkEndpoint();
  });
  receiveQuotes(windowId, composer.quote);
  const openOptions = () => void browser.runtime.openOptionsPage();
  render(<App model={model} composer={composer} openOptions={openOptions} />, document.getElementById('app')!);
  // Not needed to open the panel, but needed by the first reply: fetched once the panel is up.
  requestAnimationFrame(() => setTimeout(() => void loadMarkdownRenderer()));
}

void main();
