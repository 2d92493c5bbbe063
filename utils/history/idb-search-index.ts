/**
 * The word index in IndexedDB, kept in the same transaction as the writes it follows: a posting
 * per term and conversation (which messages have it, whether the title does), and each message's
 * terms as last indexed, so a rewritten message (a reply saved as it streams) changes only the
 * terms it gained or lost. A search reads one key range per query word, never the messages.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { rankConversations, searchHit, type TermPosting } from './search-ranking';
import { MIN_PREFIX_LENGTH, queryTerms, termsOf } from './search-terms';
import type { HistoryDB } from './schema';
import type { ConversationSummary, SearchHit, StoredMessage } from './types';

type IndexTx = IDBPTransaction<HistoryDB, StoreNames<HistoryDB>[], 'readwrite' | 'versionchange'>;

/** What a write changes in one conversation's postings, term by term. */
class PostingDelta {
  private readonly terms = new Map<string, { add: Set<string>; remove: Set<string>; title?: boolean }>();

  private entry(term: string) {
    let entry = this.terms.get(term);
    if (!entry) this.terms.set(term, (entry = { add: new Set(), remove: new Set() }));
    return entry;
  }

  message(id: string, before: Iterable<string>, after: Set<string>): void {
    const old = new Set(before);
    for (const term of after) if (!old.has(term)) this.entry(term).add.add(id);
    for (const term of old) if (!after.has(term)) this.entry(term).remove.add(id);
  }

  title(before: string, after: string): void {
    const old = termsOf(before);
    const next = termsOf(after);
    for (const term of next) if (!old.has(term)) this.entry(term).title = true;
    for (const term of old) if (!next.has(term)) this.entry(term).title = false;
  }

  /** Writes the changed postings; `fresh`: the conversation has none yet, so nothing needs reading first. */
  async apply(tx: IndexTx, conversationId: string, fresh = false): Promise<void> {
    const store = tx.objectStore('searchTerms');
    const changes = [...this.terms];
    const current = fresh ? [] : await Promise.all(changes.map(([term]) => store.get([term, conversationId])));
    await Promise.all(
      changes.map(([term, change], i) => {
        const posting = current[i] ?? { term, conversationId, messageIds: [], inTitle: false };
        const messageIds = [...posting.messageIds.filter((id) => !change.remove.has(id)), ...[...change.add].filter((id) => !posting.messageIds.includes(id))];
        const inTitle = change.title ?? posting.inTitle;
        return messageIds.length || inTitle ? store.put({ term, conversationId, messageIds, inTitle }) : store.delete([term, conversationId]);
      }),
    );
  }
}

/** Indexes messages just written (new or rewritten) and, when it changed, their conversation's title. */
export async function indexWrite(tx: IndexTx, conversationId: string, messages: StoredMessage[], title?: { before: string; after: string }, fresh = false): Promise<void> {
  const known = tx.objectStore('messageTerms');
  const delta = new PostingDelta();
  const before = fresh ? [] : await Promise.all(messages.map((m) => known.get(m.id)));
  const writes: Array<Promise<unknown>> = [];
  messages.forEach((message, i) => {
    const terms = termsOf(message.text);
    delta.message(message.id, before[i]?.terms ?? [], terms);
    writes.push(known.put({ id: message.id, conversationId, terms: [...terms] }));
  });
  if (title && title.before !== title.after) delta.title(title.before, title.after);
  await Promise.all([...writes, delta.apply(tx, conversationId, fresh)]);
}

/** Takes messages out of the index (they were deleted). */
export async function unindexMessages(tx: IndexTx, conversationId: string, ids: string[]): Promise<void> {
  const known = tx.objectStore('messageTerms');
  const delta = new PostingDelta();
  const before = await Promise.all(ids.map((id) => known.get(id)));
  ids.forEach((id, i) => delta.message(id, before[i]?.terms ?? [], new Set()));
  await Promise.all([...ids.map((id) => known.delete(id)), delta.apply(tx, conversationId)]);
}

/** Takes a whole conversation out of the index. */
export async function unindexConversation(tx: IndexTx, conversationId: string): Promise<void> {
  for (const name of ['searchTerms', 'messageTerms'] as const) {
    const store = tx.objectStore(name);
    const keys = await store.index('byConversation').getAllKeys(conversationId);
    await Promise.all(keys.map((key) => store.delete(key as never)));
  }
}

/** Every query word's postings, then the ranking, then a passage of each hit's best message. */
export async function searchIndex(db: IDBPDatabase<HistoryDB>, query: string, limit: number): Promise<SearchHit[]> {
  const terms = queryTerms(query);
  if (terms.length === 0) return [];
  const tx = db.transaction(['searchTerms', 'conversations', 'messages']);
  const postings = tx.objectStore('searchTerms');
  const [summaries, ...perTerm] = await Promise.all([
    tx.objectStore('conversations').getAll(),
    ...terms.map((term) =>
      postings.getAll(term.length >= MIN_PREFIX_LENGTH ? IDBKeyRange.bound([term], [`${term}\uffff`]) : IDBKeyRange.bound([term, ''], [term, '\uffff'])),
    ),
  ]);
  const byId = new Map<string, ConversationSummary>(summaries.map((s) => [s.id, s]));
  const ranked = rankConversations(perTerm as TermPosting[][], byId).slice(0, limit);
  const best = await Promise.all(ranked.map((r) => (r.bestMessageId ? tx.objectStore('messages').get(r.bestMessageId) : undefined)));
  return ranked.map((r, i) => searchHit(byId.get(r.conversationId)!, terms, best[i]));
}
