/** Every scenario in Chromium, plus the toolbar click that opens the real side panel. */
import { after, before, describe, test } from 'node:test';
import { launchChromium } from './chromium-driver';
import { launchChromiumForToolbar } from './chromium-toolbar';
import type { ExtensionDriver } from './driver';
import { activeTabScenario, realPanelScenario, runScenario, timeoutOf } from './scenarios';
import { sharedScenarios } from './shared-scenarios';
import { reliabilityScenarios, restartScenarios, windowScenarios, workerScenarios } from './scenarios-reliability';
import { clusterScenarios } from './scenarios-cluster';

describe('chromium', () => {
  let driver: ExtensionDriver;
  before(async () => {
    driver = await launchChromium();
  });
  after(() => driver?.close());

  for (const [name, scenario] of Object.entries(sharedScenarios)) {
    test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
  }

  describe('faults', () => {
    for (const [name, scenario] of Object.entries({ ...reliabilityScenarios, ...workerScenarios, ...windowScenarios, ...restartScenarios })) {
      test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
    }
  });

  describe('a deployment: instances on Redis behind HAProxy', () => {
    for (const [name, scenario] of Object.entries(clusterScenarios)) {
      test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
    }
  });

  describe('the real side panel, opened from the toolbar', () => {
    let toolbar: ExtensionDriver;
    before(async () => {
      toolbar = await launchChromiumForToolbar();
    });
    after(() => toolbar?.close());

    test('a toolbar click over a web page opens the real side panel, which chats', { timeout: 30_000 }, () => runScenario(toolbar, realPanelScenario));
    test('the toolbar click lets Sidechat read that page, which no host permission covers', { timeout: 30_000 }, () => runScenario(toolbar, activeTabScenario));
  });
});
