import { render } from 'preact';
import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { createChatModel } from '@/utils/panel/conversation-model';
import { createComposerModel } from '@/utils/panel/composer-model';
import { createHistoryModel } from '@/utils/panel/history-model';
import { saveTextFile } from '@/utils/pages/save-text-file';
import { createEndpointAccess } from '@/utils/panel/endpoint-access';
import { createPageIndicator, watchPageChanges } from '@/utils/panel/page-indicator';
import { missingEndpointHost, requestEndpointPermission } from '@/utils/host-permission';
import { localizeDocument } from '@/utils/i18n';
import { configureLogging } from '@/utils/log';
import { connectPanelPort } from '@/utils/panel/port-client';
import { receiveSelectionOffers } from '@/utils/selection-quote';
import { watchPromptLibrary } from '@/utils/prompt-library';
import type { Prompt } from '@/utils/contract/prompts';
import { requestPromptPage } from '@/utils/panel/prompt-page-client';
import { createSlashCommands } from '@/utils/panel/slash-commands';
import { loadSettings, loggingFrom, settingsItem } from '@/utils/settings';
import { applyTheme } from '@/utils/pages/apply-theme';
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
  const indicator = createPageIndicator({ post: (message) => transport.post(message) });
  const history = createHistoryModel({ post: (message) => transport.post(message) }, { saveFile: saveTextFile });
  const windowId = currentWindow.id ?? browser.windows.WINDOW_ID_NONE;
  const transport = connectPanelPort(windowId, {
    onMessage: (message) => void (history.receive(message) || indicator.receive(message) || model.receive(message)),
    onConnect: () => {
      // After the `open` this returns: the background takes a port's messages in order.
      queueMicrotask(indicator.ask);
      return model.connected();
    },
    onDisconnect: model.disconnected,
  });
  model.checkEndpoint();
  const access = createEndpointAccess({ missing: missingEndpointHost, request: requestEndpointPermission });
  void access.check(settings);
  settingsItem.watch((next) => {
    void access.check(next);
    configureLogging(loggingFrom(next));
    applyTheme(next.theme);
    model.setHistoryLimit(next.historyLimit);
    model.checkEndpoint();
  });
  receiveSelectionOffers(windowId, { quote: composer.quote, prompt: composer.runPrompt });
  watchPageChanges(windowId, indicator.ask);
  const prompts = signal<Prompt[]>([]);
  watchPromptLibrary((library) => (prompts.value = library.prompts));
  const slash = createSlashCommands({ draft: composer.draft, prompts, readPage: () => requestPromptPage(windowId), inserted: composer.inserted });
  const openOptions = () => void browser.runtime.openOptionsPage();
  render(<App model={model} composer={composer} slash={slash} history={history} access={access} indicator={indicator} openOptions={openOptions} />, document.getElementById('app')!);
  // Not needed to open the panel, but needed by the first reply: fetched once the panel is up.
  requestAnimationFrame(() => setTimeout(() => void loadMarkdownRenderer()));
}

void main();
