/** Every scenario in Firefox ESR. */
import { after, before, describe, test } from 'node:test';
import type { ExtensionDriver } from './driver';
import { launchFirefox } from './firefox-driver';
import { activeTabScenario, pageScenarios, runScenario, scenarios, timeoutOf } from './scenarios';
import { reliabilityScenarios } from './scenarios-reliability';
import { largeReplyScenarios } from './scenarios-large';

describe('firefox', () => {
  let driver: ExtensionDriver;
  before(async () => {
    driver = await launchFirefox();
  });
  after(() => driver?.close());

  for (const [name, scenario] of Object.entries({ ...scenarios, ...pageScenarios, ...largeReplyScenarios })) {
    test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
  }

  describe('faults', () => {
    // The service worker scenarios are Chromium's: Firefox's event page can't be stopped from outside.
    for (const [name, scenario] of Object.entries(reliabilityScenarios)) {
      test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
    }
  });

  test('the toolbar click lets Sidechat read that page, which no host permission covers', { timeout: 30_000 }, () => runScenario(driver, activeTabScenario));
});
