import { render } from 'preact';
import { HistorySection } from '@/components/options/HistorySection';
import { OptionsForm } from '@/components/options/OptionsForm';
import { SiteGrantsView } from '@/components/options/SiteGrantsView';
import { localizeDocument } from '@/utils/i18n';
import { createOptionsModel } from '@/utils/options/options-model';
import { settingsItem, type Theme } from '@/utils/settings';
import { createSiteGrantsModel } from '@/utils/options/site-grants-model';
import { createSavedHistoryModel } from '@/utils/options/saved-history-model';
import { applyTheme } from '@/utils/theme';
import '@/components/options/options.css';

localizeDocument('optionsTitle');
const model = createOptionsModel();
const grants = createSiteGrantsModel();
const savedHistory = createSavedHistoryModel();
void Promise.all([model.load(), grants.load()]).then(() => {
  applyTheme(model.values.value.theme as Theme);
  render(
    <>
      <OptionsForm model={model} />
      <SiteGrantsView model={grants} />
      <HistorySection model={savedHistory} />
    </>,
    document.getElementById('app')!,
  );
});
settingsItem.watch((settings) => applyTheme(settings.theme));
