/**
 * Search for the memory store (a private window's few conversations, never on disk): the same
 * terms and ranking as the IndexedDB index, from a scan of what is in memory.
 */
import { byConversation } from './group';
import { rankConversations, searchHit, type TermPosting } from './search-ranking';
import { queryTerms, termMatches, termsOf } from './search-terms';
import type { ConversationSummary, SearchResult, StoredMessage } from './types';

export function scanSearch(conversations: ConversationSummary[], messages: StoredMessage[], query: string, limit: number): SearchResult {
  const terms = queryTerms(query);
  if (terms.length === 0) return { hits: [], total: 0 };
  const grouped = byConversation(messages);
  const has = (text: string, term: string) => [...termsOf(text)].some((word) => termMatches(word, term));
  const perTerm: TermPosting[][] = terms.map((term) =>
    conversations.flatMap((c) => {
      const inTitle = has(c.title, term);
      const count = (grouped.get(c.id) ?? []).filter((m) => has(m.text, term)).length;
      return inTitle || count ? [{ conversationId: c.id, messages: count, inTitle }] : [];
    }),
  );
  const byId = new Map(conversations.map((c) => [c.id, c]));
  const ranked = rankConversations(perTerm, byId);
  const hits = ranked.slice(0, limit).map((id) => searchHit(byId.get(id)!, terms, [...(grouped.get(id) ?? [])].sort((a, b) => a.seq - b.seq)));
  return { hits, total: ranked.length };
}
