/** Every scenario in Firefox ESR. */
import { after, before, describe, test } from 'node:test';
import type { ExtensionDriver } from './driver';
import { launchFirefox } from './firefox-driver';
import { activeTabScenario, pageScenarios, runScenario, scenarios, timeoutOf } from './scenarios';
import { reliabilityScenarios, workerScenarios } from './scenarios-reliability';
import { largeReplyScenarios } from './scenarios-large';
import { promptScenarios } from './scenarios-prompts';
import { keepScenarios } from './scenarios-keep';
import { openAiScenarios } from './scenarios-openai';
import { otherServerScenarios } from './scenarios-other-servers';
import { renderedStateScenarios } from './scenarios-rendered';

describe('firefox', () => {
  let driver: ExtensionDriver;
  before(async () => {
    driver = await launchFirefox();
  });
  after(() => driver?.close());

  for (const [name, scenario] of Object.entries({
    ...scenarios,
    ...pageScenarios,
    ...promptScenarios,
    ...largeReplyScenarios,
    ...otherServerScenarios,
    ...renderedStateScenarios,
    ...keepScenarios,
    ...openAiScenarios,
  })) {
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
