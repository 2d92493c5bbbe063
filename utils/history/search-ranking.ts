/**
 * Which conversations answer a query, best first: every query word must appear (in the title or
 * a message); a word in the title counts more than one in the messages, and more messages count
 * more, up to a point; ties go to the most recently updated. Shared by both stores.
 */
import { matchRanges, termMatches, termsOf } from './search-terms';
import type { ConversationSummary, SearchHit, StoredMessage } from './types';

/** One query word in one conversation: in how many messages, and whether in the title. */
export interface TermPosting {
  conversationId: string;
  messages: number;
  inTitle: boolean;
}

const TITLE_WEIGHT = 5;
/** Beyond this many messages, a word's count adds nothing: a long chat about X is not ten times as relevant. */
const MESSAGE_CAP = 10;

/** `perTerm[i]`: where query word i appears (a conversation at most once per word). */
export function rankConversations(perTerm: TermPosting[][], summaries: Map<string, ConversationSummary>): string[] {
  let scores: Map<string, number> | undefined;
  for (const postings of perTerm) {
    const next = new Map<string, number>();
    for (const { conversationId, messages, inTitle } of postings) {
      const earlier = scores ? scores.get(conversationId) : 0;
      if (earlier === undefined || !summaries.has(conversationId)) continue;
      next.set(conversationId, earlier + (inTitle ? TITLE_WEIGHT : 0) + Math.min(messages, MESSAGE_CAP));
    }
    scores = next;
  }
  const updated = (id: string) => summaries.get(id)!.updatedAt;
  return [...(scores ?? new Map<string, number>())].sort(([a, x], [b, y]) => y - x || updated(b) - updated(a)).map(([id]) => id);
}

/** The message with the most of the query's words (the earliest of equals): its passage is shown. */
export function bestMessage(messages: StoredMessage[], terms: string[]): StoredMessage | undefined {
  let best: StoredMessage | undefined;
  let bestCount = 0;
  for (const message of messages) {
    const words = [...termsOf(message.text)];
    const count = terms.filter((term) => words.some((word) => termMatches(word, term))).length;
    if (count > bestCount) [best, bestCount] = [message, count];
  }
  return best;
}

const SNIPPET_LENGTH = 160;

/** The hit as the panel shows it: the title and a passage of the best message, with the query's words marked. */
export function searchHit(conversation: ConversationSummary, terms: string[], messages: StoredMessage[]): SearchHit {
  const hit: SearchHit = { conversation, titleMarks: matchRanges(conversation.title, terms) };
  const best = bestMessage(messages, terms);
  const snippet = best && snippetOf(best.text, terms);
  return snippet ? { ...hit, snippet } : hit;
}

/** About SNIPPET_LENGTH characters of `text` on one line, around its first match, cut at words. */
export function snippetOf(text: string, terms: string[]): SearchHit['snippet'] {
  const line = text.replace(/\s+/g, ' ').trim();
  const first = matchRanges(line, terms)[0];
  if (!first) return undefined;
  let start = Math.max(0, first[0] - SNIPPET_LENGTH / 4);
  let end = Math.min(line.length, start + SNIPPET_LENGTH);
  if (start > 0) start = Math.min(first[0], line.indexOf(' ', start) + 1 || first[0]);
  if (end < line.length) end = Math.max(first[1], line.lastIndexOf(' ', end));
  const cut = `${start > 0 ? '…' : ''}${line.slice(start, end)}${end < line.length ? '…' : ''}`;
  return { text: cut, marks: matchRanges(cut, terms) };
}
