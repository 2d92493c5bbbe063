/**
 * Search for the memory store (a private window's few conversations, never on disk): the same
 * terms and ranking as the IndexedDB index, from a scan of what is in memory.
 */
import { rankConversations, searchHit, type TermPosting } from './search-ranking';
import { queryTerms, termMatches, termsOf } from './search-terms';
import type { ConversationSummary, SearchHit, StoredMessage } from './types';

export function scanSearch(conversations: ConversationSummary[], messages: StoredMessage[], query: string, limit: number): SearchHit[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const perTerm: TermPosting[][] = terms.map(() => []);
  const posting = (i: number, conversationId: string) => {
    let found = perTerm[i].find((p) => p.conversationId === conversationId);
    if (!found) perTerm[i].push((found = { term: terms[i], conversationId, messageIds: [], inTitle: false }));
    return found;
  };
  const matching = (text: string) => {
    const words = [...termsOf(text)];
    return terms.flatMap((term, i) => (words.some((word) => termMatches(word, term)) ? [i] : []));
  };
  for (const c of conversations) for (const i of matching(c.title)) posting(i, c.id).inTitle = true;
  for (const m of messages) for (const i of matching(m.text)) posting(i, m.conversationId).messageIds.push(m.id);
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const texts = new Map(messages.map((m) => [m.id, m]));
  return rankConversations(perTerm, byId)
    .slice(0, limit)
    .map((r) => searchHit(byId.get(r.conversationId)!, terms, r.bestMessageId ? texts.get(r.bestMessageId) : undefined));
}
