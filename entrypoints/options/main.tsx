import { render } from 'preact';
import { OptionsForm } from '@/components/OptionsForm';
import { localizeDocument } from '@/utils/i18n';
import { createOptionsModel } from '@/utils/options-model';
import { settingsItem, type Theme } from '@/utils/settings';
import { applyTheme } from '@/utils/theme';
import '@/components/options.css';

localizeDocument('optionsTitle');
const model = createOptionsModel();
void model.load().then(() => {
  applyTheme(model.values.value.theme as Theme);
  render(<OptionsForm model={model} />, document.getElementById('app')!);
});
settingsItem.watch((settings) => applyTheme(settings.theme));
