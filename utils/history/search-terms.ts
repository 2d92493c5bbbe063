/**
 * Words as the search index keeps them and as a query names them: lower case, accents folded
 * ("Café" is found by "cafe"), split at anything that is not a letter or a digit.
 */
const WORD = /[\p{L}\p{N}]+/gu;
/** Longer words are cut: nobody types 40 characters of one word, and the index stays small. */
const MAX_TERM_LENGTH = 40;
/** A query word this long or longer also finds the words it starts ("light" finds "lighthouse"); shorter ones only themselves. */
export const MIN_PREFIX_LENGTH = 3;

export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().slice(0, MAX_TERM_LENGTH);
}

/** The distinct terms of a text, as the index stores them. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  for (const [word] of text.matchAll(WORD)) terms.add(normalizeWord(word));
  return terms;
}

/** The words of a query, each to be found (all of them, in any order). */
export function queryTerms(query: string): string[] {
  return [...termsOf(query)];
}

/** Does an indexed term answer a query term: the same, or — for a long enough query term — starting with it. */
export function termMatches(term: string, queryTerm: string): boolean {
  return queryTerm.length >= MIN_PREFIX_LENGTH ? term.startsWith(queryTerm) : term === queryTerm;
}

/** Where the query's words appear in `text`: [start, end) of each whole word that matches, for highlighting. */
export function matchRanges(text: string, terms: string[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  if (terms.length === 0) return ranges;
  for (const match of text.matchAll(WORD)) {
    const term = normalizeWord(match[0]);
    if (terms.some((queryTerm) => termMatches(term, queryTerm))) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
