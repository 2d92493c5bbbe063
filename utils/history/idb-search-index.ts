/**
 * The word index in IndexedDB, kept in the same transaction as the writes it follows. One record
 * per term lists the conversations that have it (in how many messages, whether in the title), so
 * a query word is one read, not one per conversation; a small record per term says in how many
 * conversations it appears, so a prefix ("lig") reads the most used completions, not all of them.
 * Each message's terms as last indexed make a rewritten message (a reply saved as it streams)
 * change only what it gained or lost. A search never reads the messages, except the best hits'
 * for their passages.
 */
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { rankConversations, searchHit, type TermPosting } from './search-ranking';
import { MIN_PREFIX_LENGTH, queryTerms, termsOf } from './search-terms';
import type { HistoryDB, TermRecord } from './schema';
import type { ConversationSummary, SearchResult, StoredMessage } from './types';

type IndexTx = IDBPTransaction<HistoryDB, StoreNames<HistoryDB>[], 'readwrite' | 'versionchange'>;

/** A prefix reads at most this many completions, the most used first (and the word itself, if it is one). */
const MAX_COMPLETIONS = 12;

interface Change {
  /** Forget what the record said about this conversation before applying the rest. */
  reset: boolean;
  /** Messages that gained (+) or lost (−) the term. */
  messages: number;
  title?: boolean;
}

/** What a write changes in the term records; applied once, so a bulk import writes each term once. */
export class IndexChanges {
  private readonly terms = new Map<string, Map<string, Change>>();

  private change(term: string, conversationId: string): Change {
    let byConversation = this.terms.get(term);
    if (!byConversation) this.terms.set(term, (byConversation = new Map()));
    let change = byConversation.get(conversationId);
    if (!change) byConversation.set(conversationId, (change = { reset: false, messages: 0 }));
    return change;
  }

  message(conversationId: string, before: Iterable<string>, after: Set<string>): void {
    const old = new Set(before);
    for (const term of after) if (!old.has(term)) this.change(term, conversationId).messages++;
    for (const term of old) if (!after.has(term)) this.change(term, conversationId).messages--;
  }

  title(conversationId: string, before: string, after: string): void {
    const old = termsOf(before);
    const next = termsOf(after);
    for (const term of next) if (!old.has(term)) this.change(term, conversationId).title = true;
    for (const term of old) if (!next.has(term)) this.change(term, conversationId).title = false;
  }

  /** The conversation leaves these terms' records altogether. */
  forget(conversationId: string, terms: Iterable<string>): void {
    for (const term of terms) Object.assign(this.change(term, conversationId), { reset: true, messages: 0, title: false });
  }

  async apply(tx: IndexTx): Promise<void> {
    const records = tx.objectStore('searchTerms');
    const counts = tx.objectStore('termCounts');
    const changes = [...this.terms];
    const current = await Promise.all(changes.map(([term]) => records.get(term)));
    const writes: Array<Promise<unknown>> = [];
    changes.forEach(([term, byConversation], i) => {
      const record: TermRecord = current[i] ?? { term, hits: {} };
      for (const [conversationId, change] of byConversation) {
        const before = change.reset ? undefined : record.hits[conversationId];
        const messages = Math.max(0, (before?.m ?? 0) + change.messages);
        const title = change.title ?? before?.t ?? false;
        if (messages > 0 || title) record.hits[conversationId] = title ? { m: messages, t: true } : { m: messages };
        else delete record.hits[conversationId];
      }
      const conversations = Object.keys(record.hits).length;
      if (conversations) writes.push(records.put(record), counts.put({ term, conversations }));
      else if (current[i]) writes.push(records.delete(term), counts.delete(term));
    });
    await Promise.all(writes);
  }
}

/** Notes the terms of messages just written (new or rewritten), and of a changed title; `fresh`: the conversation had no messages indexed. */
export async function noteWrite(tx: IndexTx, changes: IndexChanges, conversationId: string, messages: StoredMessage[], title?: { before: string; after: string }, fresh = false): Promise<void> {
  const known = tx.objectStore('messageTerms');
  const before = fresh ? [] : await Promise.all(messages.map((m) => known.get(m.id)));
  const writes = messages.map((message, i) => {
    const terms = termsOf(message.text);
    changes.message(conversationId, before[i]?.terms ?? [], terms);
    return known.put({ id: message.id, conversationId, terms: [...terms] });
  });
  if (title && title.before !== title.after) changes.title(conversationId, title.before, title.after);
  await Promise.all(writes);
}

/** Notes that messages were deleted. */
export async function noteDeletedMessages(tx: IndexTx, changes: IndexChanges, conversationId: string, ids: string[]): Promise<void> {
  const known = tx.objectStore('messageTerms');
  const before = await Promise.all(ids.map((id) => known.get(id)));
  ids.forEach((_, i) => changes.message(conversationId, before[i]?.terms ?? [], new Set()));
  await Promise.all(ids.map((id) => known.delete(id)));
}

/** Notes that a whole conversation (titled `title`) leaves the index. */
export async function noteDeletedConversation(tx: IndexTx, changes: IndexChanges, conversationId: string, title: string): Promise<void> {
  const known = tx.objectStore('messageTerms');
  const records = await known.index('byConversation').getAll(conversationId);
  changes.forget(conversationId, new Set([...termsOf(title), ...records.flatMap((r) => r.terms)]));
  await Promise.all(records.map((r) => known.delete(r.id)));
}

/** One write's index upkeep: note, then apply. */
export async function indexWrite(tx: IndexTx, conversationId: string, messages: StoredMessage[], title?: { before: string; after: string }, fresh = false): Promise<void> {
  const changes = new IndexChanges();
  await noteWrite(tx, changes, conversationId, messages, title, fresh);
  await changes.apply(tx);
}

/** Every query word's record (a prefix: its most used completions), the ranking, then passages of the best hits. */
export async function searchIndex(db: IDBPDatabase<HistoryDB>, query: string, limit: number): Promise<SearchResult> {
  const terms = queryTerms(query);
  if (terms.length === 0) return { hits: [], total: 0 };
  const tx = db.transaction(['termCounts', 'searchTerms', 'conversations', 'messages']);
  const [summaries, ...perTerm] = await Promise.all([tx.objectStore('conversations').getAll(), ...terms.map((term) => postingsOf(tx, term))]);
  const byId = new Map<string, ConversationSummary>(summaries.map((s) => [s.id, s]));
  const ranked = rankConversations(perTerm, byId);
  const messages = tx.objectStore('messages').index('byConversation');
  const hits = await Promise.all(
    ranked.slice(0, limit).map(async (id) => searchHit(byId.get(id)!, terms, await messages.getAll(IDBKeyRange.bound([id, -Infinity], [id, Infinity])))),
  );
  return { hits, total: ranked.length };
}

type SearchTx = IDBPTransaction<HistoryDB, ['termCounts', 'searchTerms', 'conversations', 'messages'], 'readonly'>;

async function postingsOf(tx: SearchTx, term: string): Promise<TermPosting[]> {
  const counts = tx.objectStore('termCounts');
  const completions =
    term.length >= MIN_PREFIX_LENGTH
      ? (await counts.getAll(IDBKeyRange.bound(term, `${term}\uffff`))).sort((a, b) => Number(b.term === term) - Number(a.term === term) || b.conversations - a.conversations).slice(0, MAX_COMPLETIONS)
      : [term];
  const records = await Promise.all(completions.map((c) => tx.objectStore('searchTerms').get(typeof c === 'string' ? c : c.term)));
  const merged = new Map<string, TermPosting>();
  for (const record of records) {
    for (const [conversationId, hit] of Object.entries(record?.hits ?? {})) {
      const seen = merged.get(conversationId);
      merged.set(conversationId, { conversationId, messages: Math.max(seen?.messages ?? 0, hit.m), inTitle: (seen?.inTitle ?? false) || hit.t === true });
    }
  }
  return [...merged.values()];
}
