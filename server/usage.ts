import type { Usage } from '../utils/contract/sidechat-wire';

/** A made-up price, only so clients have a non-zero cost to display. */
const COST_PER_TOKEN = 0.000002;

/** The demo has no tokenizer; words are close enough to show plausible numbers. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

export function usageFor(promptTokens: number, completionTokens: number): Usage {
  const totalTokens = promptTokens + completionTokens;
  // Rounded to 6 decimals so clients never display float noise like 0.00006000000000000001.
  const cost = Math.round(totalTokens * COST_PER_TOKEN * 1e6) / 1e6;
  return { promptTokens, completionTokens, totalTokens, cost };
}
