import { render } from 'preact';
import { HistorySection } from '@/components/HistorySection';
import { OptionsForm } from '@/components/OptionsForm';
import { SiteGrantsView } from '@/components/SiteGrantsView';
import { localizeDocument } from '@/utils/i18n';
import { createOptionsModel } from '@/utils/options-model';
import { settingsItem, type Theme } from '@/utils/settings';
import { createSiteGrantsModel } from '@/utils/site-grants-model';
import { applyTheme } from '@/utils/theme';
import '@/components/options.css';

localizeDocument('optionsTitle');
const model = createOptionsModel();
const grants = createSiteGrantsModel();
void Promise.all([model.load(), grants.load()]).then(() => {
  applyTheme(model.values.value.theme as Theme);
  render(
    <>
      <OptionsForm model={model} />
      <SiteGrantsView model={grants} />
      <HistorySection />
    </>,
    document.getElementById('app')!,
  );
});
settingsItem.watch((settings) => applyTheme(settings.theme));
