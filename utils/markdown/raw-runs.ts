/**
 * Raw runs: a run of blocks with no blank line between them (one huge paragraph, a huge code
 * block) cannot be lexed again for every piece appended to it without the cost growing with its
 * square. Past a length it is shown as plain text, and only scanned for where it ends.
 */
import type { Token } from 'marked';

/** Text from `start` that is shown as it is, not as markdown. */
export interface RawRun {
  type: 'raw-run';
  start: number;
  /** The run's text so far (all of it once the run is complete). */
  raw: string;
  /** The run is a fenced code block: shown with code's white space and font. */
  code: boolean;
}

/**
 * How an open raw run ends: a closing fence, or (fence null) a blank line before a line that
 * starts a new block. `from`: where in the run its last block starts.
 */
interface RunEnd {
  fence: string | null;
  from: number;
}

export interface OpenRun {
  start: number;
  end: RunEnd;
  /** Where the search for its end goes on. */
  scanFrom: number;
}

export function rawRun(text: string, start: number, end: number, code: boolean): RawRun {
  return { type: 'raw-run', start, raw: text.slice(start, end), code };
}

/** The run that starts at `start` with `tokens`, its last block the one still open. */
export function openRun(start: number, tokens: Token[]): OpenRun {
  const end = endOf(tokens);
  return { start, end, scanFrom: start + end.from };
}

/** The text is a fenced code block. */
export const isCodeRun = (run: OpenRun): boolean => run.end.fence !== null;

/** Where the last blocks with no blank line between them start. */
export function runFrom(tokens: Token[]): number {
  let from = tokens.length - 1;
  while (from > 0 && tokens[from].type === 'space') from--;
  while (from > 0 && tokens[from - 1].type !== 'space' && !endsWithBlankLine(tokens[from - 1])) from--;
  return from;
}

/** marked folds a single blank line after a block into that block's `raw`. */
export function endsWithBlankLine(token: Token): boolean {
  return /\n[ \t]*\n$/.test(token.raw);
}

/** How the run that starts with these tokens ends: by its last block, the one still open. */
function endOf(tokens: Token[]): RunEnd {
  let last = tokens.length - 1;
  while (last > 0 && tokens[last].type === 'space') last--;
  // Counted in marked's normalized text: a CR before it only moves the scan's start a little early.
  let from = 0;
  for (let i = 0; i < last; i++) from += tokens[i].raw.length;
  const fence = tokens[last]?.type === 'code' ? /^ {0,3}(`{3,}|~{3,})/.exec(tokens[last].raw)?.[1] : undefined;
  return { fence: fence ?? null, from };
}

/**
 * Where the open run ends (the offset after it), or null if it has not ended yet. Only text not
 * scanned before is read. A fence ends at its closing line. Anything else ends at a blank line
 * followed by a line that starts at the margin and does not continue a list or a quote; a
 * paragraph ends sooner in markdown, but a raw run only has to end somewhere a new block starts.
 */
export function runEnd(text: string, run: OpenRun): number | null {
  const { fence } = run.end;
  const pattern = fence
    ? new RegExp(`\\n {0,3}${fence[0] === '`' ? '`' : '~'}{${fence.length},}[ \\t]*(?:\\r?\\n|\\r)`, 'g')
    : /\n[ \t]*\r?\n(?:[ \t]*\r?\n)*/g;
  // A match may start at the last newline scanned; a fence's opening line is not its closing one.
  const from = fence ? text.indexOf('\n', run.scanFrom) : run.scanFrom - 1;
  if (from < 0) return null;
  pattern.lastIndex = Math.max(from, run.start);
  for (let match; (match = pattern.exec(text)); ) {
    const end = match.index + match[0].length;
    if (fence) return end;
    if (end >= text.length) break;
    if (!/^(?:[ \t]|>|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|\r?\n)/.test(text.slice(end, end + 12))) return end;
    pattern.lastIndex = end - 1;
  }
  // A match can need a few characters more than have arrived: scan those again next time.
  run.scanFrom = Math.max(run.scanFrom, text.length - 64);
  return null;
}
