/** Every scenario in Firefox ESR. */
import { after, before, describe, test } from 'node:test';
import type { ExtensionDriver } from './driver';
import { launchFirefox } from './firefox-driver';
import { activeTabScenario, runScenario, timeoutOf } from './scenarios';
import { sharedScenarios } from './shared-scenarios';
import { reliabilityScenarios, workerScenarios } from './scenarios-reliability';

describe('firefox', () => {
  let driver: ExtensionDriver;
  before(async () => {
    driver = await launchFirefox();
  });
  after(() => driver?.close());

  for (const [name, scenario] of Object.entries(sharedScenarios)) {
    test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
  }

  describe('faults', () => {
    // Not the two-window and restart scenarios: see windowScenarios and restartScenarios.
    for (const [name, scenario] of Object.entries({ ...reliabilityScenarios, ...workerScenarios })) {
      test(name, { timeout: timeoutOf(scenario) }, () => runScenario(driver, scenario));
    }
  });

  test('the toolbar click lets Sidechat read that page, which no host permission covers', { timeout: 30_000 }, () => runScenario(driver, activeTabScenario));
});
