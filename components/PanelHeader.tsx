import { browser } from 'wxt/browser';
import { ShortcutsHelp } from './ShortcutsHelp';
import { t } from '@/utils/i18n';

export function PanelHeader() {
  return (
    <header class="panel-header">
      <h1>Sidechat</h1>
      <div class="header-actions">
        <ShortcutsHelp />
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('panelOptions')}
        </button>
      </div>
    </header>
  );
}
