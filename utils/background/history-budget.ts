/**
 * The conversation sent to a server that keeps no session: the most recent complete exchanges
 * that fit the context budget, oldest dropped first. Tokens are estimated at ~4 characters each.
 * An exchange whose reply failed or was stopped is left out; a reply's reasoning is never part of
 * its text, so it is never sent back.
 */
import type { MessageSnapshot } from '../contract/port-messages';
import type { Exchange } from '../endpoint/wire-protocol';
import type { HistoryStore } from '../history/types';

export const CHARS_PER_TOKEN = 4;

export const estimateTokens = (text: string): number => Math.ceil(text.length / CHARS_PER_TOKEN);

/**
 * `earlier`: the conversation's messages before the reply being asked, oldest first. `fixed`: what
 * every request carries anyway (system prompt, the new question), which the budget pays first.
 */
export function exchangesWithin(earlier: readonly MessageSnapshot[], budgetTokens: number, fixed: readonly string[]): Exchange[] {
  const complete: Exchange[] = [];
  for (let i = 0; i + 1 < earlier.length; i++) {
    const [question, answer] = [earlier[i], earlier[i + 1]];
    if (question.author !== 'user' || answer.author !== 'assistant') continue;
    if (answer.state === 'done' && answer.text) complete.push({ question: question.text, answer: answer.text });
    i += 1;
  }
  let left = budgetTokens - fixed.reduce((sum, text) => sum + estimateTokens(text), 0);
  const kept: Exchange[] = [];
  for (let i = complete.length - 1; i >= 0; i--) {
    left -= estimateTokens(complete[i].question) + estimateTokens(complete[i].answer);
    if (left < 0) break;
    kept.unshift(complete[i]);
  }
  return kept;
}

/** The most messages read for a stateless server's history; the context budget usually keeps fewer. */
const HISTORY_READ_MAX = 400;

/**
 * What came before a reply: Retry and Regenerate of an older reply get the conversation as it
 * was up to it; an edited question was deleted with what followed it, so it is not in there. The
 * question the reply answers comes last, unanswered, and is not an exchange.
 */
export async function messagesBefore(store: HistoryStore, conversationId: string, replySeq: number): Promise<MessageSnapshot[]> {
  return (await store.loadRecent(conversationId, HISTORY_READ_MAX, replySeq)).messages;
}
