import { browser } from 'wxt/browser';

export function PanelHeader() {
  return (
    <header class="panel-header">
      <h1>Sidechat</h1>
      <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
        Options
      </button>
    </header>
  );
}
