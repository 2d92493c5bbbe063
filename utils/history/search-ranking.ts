/**
 * Which conversations answer a query, best first, from the index's postings: every query word
 * must appear (in the title or a message); a word in the title counts more than one in the
 * messages, and more messages count more, up to a point. Shared by both stores.
 */
import { matchRanges } from './search-terms';
import type { ConversationSummary, SearchHit, StoredMessage } from './types';

/** One indexed term in one conversation: the messages it appears in, and whether the title has it. */
export interface TermPosting {
  term: string;
  conversationId: string;
  messageIds: string[];
  inTitle: boolean;
}

export interface RankedConversation {
  conversationId: string;
  score: number;
  /** The message that has the most query words: its text makes the snippet. */
  bestMessageId?: string;
}

const TITLE_WEIGHT = 5;
/** Beyond this many messages, a word's count adds nothing: a long chat about X is not ten times as relevant. */
const MESSAGE_CAP = 10;

/** `perTerm[i]`: the postings of every indexed term that matches query word i. */
export function rankConversations(perTerm: TermPosting[][], summaries: Map<string, ConversationSummary>): RankedConversation[] {
  let candidates: Map<string, { score: number; votes: Map<string, number> }> | undefined;
  for (const postings of perTerm) {
    const found = new Map<string, { inTitle: boolean; messages: Set<string> }>();
    for (const posting of postings) {
      const entry = found.get(posting.conversationId) ?? { inTitle: false, messages: new Set<string>() };
      entry.inTitle ||= posting.inTitle;
      posting.messageIds.forEach((id) => entry.messages.add(id));
      found.set(posting.conversationId, entry);
    }
    const next = new Map<string, { score: number; votes: Map<string, number> }>();
    for (const [conversationId, entry] of found) {
      const earlier = candidates ? candidates.get(conversationId) : { score: 0, votes: new Map<string, number>() };
      if (!earlier) continue;
      for (const id of entry.messages) earlier.votes.set(id, (earlier.votes.get(id) ?? 0) + 1);
      next.set(conversationId, { score: earlier.score + (entry.inTitle ? TITLE_WEIGHT : 0) + Math.min(entry.messages.size, MESSAGE_CAP), votes: earlier.votes });
    }
    candidates = next;
  }
  const ranked: RankedConversation[] = [];
  for (const [conversationId, { score, votes }] of candidates ?? []) {
    if (!summaries.has(conversationId)) continue;
    let bestMessageId: string | undefined;
    for (const [id, count] of votes) if (bestMessageId === undefined || count > votes.get(bestMessageId)!) bestMessageId = id;
    ranked.push({ conversationId, score, bestMessageId });
  }
  const updated = (id: string) => summaries.get(id)!.updatedAt;
  return ranked.sort((a, b) => b.score - a.score || updated(b.conversationId) - updated(a.conversationId));
}

const SNIPPET_LENGTH = 160;

/** The hit as the panel shows it: the title and a passage of the best message, with the query's words marked. */
export function searchHit(conversation: ConversationSummary, terms: string[], message?: Pick<StoredMessage, 'text'>): SearchHit {
  const hit: SearchHit = { conversation, titleMarks: matchRanges(conversation.title, terms) };
  const snippet = message && snippetOf(message.text, terms);
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
