/**
 * An extractive summary: the sentences that carry most of the text's content words. Enough for
 * the demo responder to answer "summarize this page" offline, in the page's own words.
 */

const STOP_WORDS = new Set(
  ('a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does ' +
    'doing down during each few for from further had has have having he her here hers him his how i if in into is it its itself just me more most my no ' +
    'nor not now of off on once only or other our ours out over own same she should so some such than that the their theirs them then there these they ' +
    'this those through to too under until up very was we were what when where which while who whom why will with would you your yours').split(' '),
);

const MIN_WORDS = 6;
const MAX_WORDS = 60;

export function sentencesOf(text: string): string[] {
  const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
  return [...segmenter.segment(text)].map((s) => s.segment.replace(/\s+/g, ' ').trim()).filter(Boolean);
}

export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)?/gu) ?? [];
}

/** The `count` best sentences, in the order they appear in the text. */
export function keySentences(text: string, count = 3): string[] {
  const sentences = sentencesOf(text);
  const frequency = new Map<string, number>();
  for (const word of wordsOf(text)) if (!STOP_WORDS.has(word)) frequency.set(word, (frequency.get(word) ?? 0) + 1);
  const scored = sentences.map((sentence, index) => {
    const words = wordsOf(sentence);
    const content = words.filter((word) => !STOP_WORDS.has(word));
    const usable = words.length >= MIN_WORDS && words.length <= MAX_WORDS;
    // Distinct content words only, so a sentence can't win by repeating one word; divided by the
    // square root of its length so long sentences don't win by size alone.
    const score = usable ? [...new Set(content)].reduce((sum, word) => sum + (frequency.get(word) ?? 0), 0) / Math.sqrt(words.length) : -1;
    return { sentence, index, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, count)
    .sort((a, b) => a.index - b.index)
    .map((s) => s.sentence);
}
