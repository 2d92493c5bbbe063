/** The scenarios both browsers run, in one place so chromium.e2e.ts and firefox.e2e.ts cannot drift. */
import { pageScenarios, scenarios } from './scenarios';
import { largeReplyScenarios } from './scenarios-large';
import { promptScenarios } from './scenarios-prompts';
import { keepScenarios } from './scenarios-keep';
import { openAiScenarios } from './scenarios-openai';
import { otherServerScenarios } from './scenarios-other-servers';
import { renderedStateScenarios } from './scenarios-rendered';

export const sharedScenarios = {
  ...scenarios,
  ...pageScenarios,
  ...promptScenarios,
  ...largeReplyScenarios,
  ...otherServerScenarios,
  ...renderedStateScenarios,
  ...keepScenarios,
  ...openAiScenarios,
};
