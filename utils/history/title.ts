/** A conversation's title: its first user message, on one line, cut at a word near 60 characters. */
const MAX_LENGTH = 60;

export function titleFrom(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= MAX_LENGTH) return line;
  const cut = line.slice(0, MAX_LENGTH + 1);
  const lastSpace = cut.lastIndexOf(' ');
  // One long word (a URL, say) has no boundary worth keeping: cut it where it reaches the limit.
  const end = lastSpace > MAX_LENGTH / 2 ? lastSpace : MAX_LENGTH;
  return `${line.slice(0, end).trimEnd()}…`;
}

/** The title a conversation gets after a write: kept once set, taken from the earliest user message written otherwise. */
export function titleAfterPut(current: string, written: Array<{ author: string; seq: number; text: string }>): string {
  if (current) return current;
  const firstQuestion = written.filter((m) => m.author === 'user' && m.text.trim()).sort((a, b) => a.seq - b.seq)[0];
  return firstQuestion ? titleFrom(firstQuestion.text) : '';
}
