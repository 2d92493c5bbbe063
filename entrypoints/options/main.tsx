import { render } from 'preact';
import { HistorySection } from '@/components/options/HistorySection';
import { BackupSection } from '@/components/options/BackupSection';
import { browser } from 'wxt/browser';
import { createBackupModel } from '@/utils/options/backup-model';
import { saveTextFile } from '@/utils/pages/save-text-file';
import { missingEndpointHost } from '@/utils/host-permission';
import { OptionsForm } from '@/components/options/OptionsForm';
import { PromptsSection } from '@/components/options/PromptsSection';
import { SiteGrantsView } from '@/components/options/SiteGrantsView';
import { localizeDocument } from '@/utils/i18n';
import { createOptionsModel } from '@/utils/options/options-model';
import { loadSettings, settingsItem, type Theme } from '@/utils/settings';
import { createSiteGrantsModel } from '@/utils/options/site-grants-model';
import { createPromptsModel } from '@/utils/options/prompts-model';
import { createSavedHistoryModel } from '@/utils/options/saved-history-model';
import { applyTheme } from '@/utils/pages/apply-theme';
import '@/components/options/options.css';

localizeDocument('optionsTitle');
const model = createOptionsModel();
const grants = createSiteGrantsModel();
const prompts = createPromptsModel();
const backup = createBackupModel({
  send: (message) => browser.runtime.sendMessage(message),
  saveFile: saveTextFile,
  missingEndpointPermission: async () => missingEndpointHost(await loadSettings()),
});
const savedHistory = createSavedHistoryModel();
void Promise.all([model.load(), grants.load(), prompts.load()]).then(() => {
  applyTheme(model.values.value.theme as Theme);
  render(
    <>
      <OptionsForm model={model} />
      <PromptsSection model={prompts} />
      <SiteGrantsView model={grants} />
      <HistorySection model={savedHistory} />
      <BackupSection model={backup} />
    </>,
    document.getElementById('app')!,
  );
});
settingsItem.watch((settings) => {
  applyTheme(settings.theme);
  // Settings replaced by an import show in the form at once.
  void model.load();
});
