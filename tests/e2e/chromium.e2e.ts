/** Every scenario in Chromium, plus the toolbar click that opens the real side panel. */
import { after, before, describe, test } from 'node:test';
import { launchChromium } from './chromium-driver';
import { launchChromiumForToolbar } from './chromium-toolbar';
import type { ExtensionDriver } from './driver';
import { realPanelScenario, runScenario, scenarios } from './scenarios';

describe('chromium', () => {
  let driver: ExtensionDriver;
  before(async () => {
    driver = await launchChromium();
  });
  after(() => driver?.close());

  for (const [name, scenario] of Object.entries(scenarios)) {
    test(name, { timeout: 30_000 }, () => runScenario(driver, scenario));
  }

  test('a toolbar click over a web page opens the real side panel, which chats', { timeout: 30_000 }, async () => {
    const realPanel = await launchChromiumForToolbar();
    try {
      await runScenario(realPanel, realPanelScenario);
    } finally {
      await realPanel.close();
    }
  });
});
