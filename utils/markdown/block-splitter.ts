/**
 * Splits a growing markdown text into blocks that are complete and blocks still growing, so a
 * stream is lexed (and rendered) in proportion to its last blocks, not its whole length.
 *
 * Text appended later can change how the last block reads, and also the blocks before it: the
 * last one may turn out to continue the one above ("2" becomes "2." and joins the list; "#"
 * becomes "#x", no heading after all, and joins the paragraph; a title line completes a link
 * definition), and lines that looked like they interrupted a paragraph may turn out not to.
 * So a block is complete only once two more blocks have started after it and a blank line
 * separates it from the next: a blank line ends paragraphs, and a list it does not end has
 * only the next block to merge with. The exception is a link reference definition, which
 * changes how `[text][label]` reads anywhere in the text: when the definitions seen change,
 * the update says `reset` and everything is lexed again.
 *
 * The same rule holds for any prefix of the text, so a long tail of many blocks is lexed a
 * window of MAX_LEX characters at a time. A run of blocks with no blank line between them (one huge paragraph, a huge code
 * block) cannot be lexed again for every piece appended to it without the cost growing with its
 * square: past RAW_AFTER it becomes a raw run, shown as plain text, scanned only for where it
 * ends, and lexed once when it ends if it is at most UPGRADE_MAX long.
 */
import { getDefaults, Lexer, type Links, type Token, type Tokens } from 'marked';

/** The most text lexed at once when a tail holds many blocks. */
export const MAX_LEX = 16 * 1024;
/**
 * The longest run that is lexed again as it grows. Shorter runs stay markdown: in Chromium a
 * 100 KB paragraph streamed in 20,000 pieces reached the screen 3–6 times slower as a raw run
 * than lexed again every frame (bench: 20000-chunk reply, 4.3–9.6 s against 1.6 s).
 */
export const RAW_AFTER = 128 * 1024;
/** A raw run up to this long becomes markdown once it is complete (one lex of this size). */
export const UPGRADE_MAX = 256 * 1024;

/** Text from `start` that is shown as it is, not as markdown. */
export interface RawRun {
  type: 'raw-run';
  start: number;
  /** The run's text so far (all of it once the run is complete). */
  raw: string;
  /** The run is a fenced code block: shown with code's white space and font. */
  code: boolean;
}

export type Block = Token | RawRun;

export interface BlockUpdate {
  /** Everything was dropped: the caller clears what it shows and feeds the text again from the start. */
  reset: boolean;
  /** Blocks that just became complete, in order. Each is reported once (again only after a reset or rewind). */
  completed: Block[];
  /** The blocks from the last complete one on: they replace the previous update's `growing`. */
  growing: Block[];
}

export const isRawRun = (block: Block): block is RawRun => block.type === 'raw-run';

// One options object, so every lexer shares marked's tokenizer instead of building one each time.
const OPTIONS = { ...getDefaults(), gfm: true, breaks: false };

type Definition = [tag: string, link: Links[string]];

/**
 * How an open raw run ends: a closing fence, or (fence null) a blank line before a line that
 * starts a new block. `from`: where in the run its last block starts.
 */
interface RunEnd {
  fence: string | null;
  from: number;
}

interface OpenRun {
  start: number;
  end: RunEnd;
  /** Where the search for its end goes on. */
  scanFrom: number;
}

export interface SplitterLimits {
  /** Default MAX_LEX. */
  maxLex?: number;
  /** Default RAW_AFTER. */
  rawAfter?: number;
  /** Default UPGRADE_MAX. */
  upgradeMax?: number;
}

const NO_DEFINITIONS: Definition[] = [];

export function createBlockSplitter({ maxLex = MAX_LEX, rawAfter = RAW_AFTER, upgradeMax = UPGRADE_MAX }: SplitterLimits = {}) {
  /** Offset in the text where the complete blocks end. */
  let stableEnd = 0;
  /** Per complete block: where it ends, and the link definitions it makes. */
  let ends: number[] = [];
  let definitionsOf: Definition[][] = [];
  /** Definitions made by complete blocks (the first of a label wins, as in marked). */
  let definitions: Links = {};
  /** Every definition in the text as last seen: what all blocks are lexed with. */
  let lexedWith: Links = {};
  let open: OpenRun | null = null;
  /** Where a window found no complete block: the tail from there is lexed whole until RAW_AFTER. */
  let runAt = -1;

  function restart(): void {
    stableEnd = 0;
    ends = [];
    definitionsOf = [];
    definitions = {};
    open = null;
    runAt = -1;
  }

  function commit(block: Block, end: number, completed: Block[]): void {
    const made = isRawRun(block) ? NO_DEFINITIONS : definitionsIn([block]);
    for (const [tag, link] of made) definitions[tag] ??= link;
    definitionsOf.push(made);
    ends.push(end);
    completed.push(block);
    stableEnd = end;
  }

  /** Commits tokens lexed from `source`, which starts at `base` in the text. */
  function commitTokens(source: string, base: number, tokens: Token[], completed: Block[]): void {
    // Each block gets its own end, so a rewind keeps exactly the blocks before a change.
    const hasCR = source.includes('\r');
    let at = 0;
    for (const token of tokens) {
      at += sourceLength(source, at, token, hasCR);
      commit(token, base + at, completed);
    }
  }

  /** `text` extends the text of the previous update (the caller sees to it: see `rewind`). */
  function update(text: string): BlockUpdate {
    const completed: Block[] = [];
    for (;;) {
      if (open) {
        const end = runEnd(text, open);
        if (end === null) return { reset: false, completed, growing: [run(text, open.start, text.length, open.end.fence !== null)] };
        const { start } = open;
        const code = open.end.fence !== null;
        open = null;
        if (end - start <= upgradeMax) {
          const { tokens } = lex(text.slice(start, end), lexedWith);
          if (addsDefinitions(tokens)) return reset();
          commitTokens(text.slice(start, end), start, tokens, completed);
        } else {
          commit(run(text, start, end, code), end, completed);
        }
        continue;
      }
      const rest = text.length - stableEnd;
      const windowed = rest > maxLex && !(runAt === stableEnd && rest <= rawAfter);
      const source = windowed ? text.slice(stableEnd, stableEnd + maxLex) : text.slice(stableEnd);
      const { tokens } = lex(source, lexedWith);
      const done = tokens.slice(0, growingFrom(tokens));
      if (windowed) {
        if (done.length === 0 && rest <= rawAfter) {
          runAt = stableEnd;
          continue;
        }
        if (done.length === 0) {
          // The last block is over-long, so its first line has long arrived and it cannot turn
          // into something that joins a block above: those before the blank line are complete.
          const from = runFrom(tokens);
          if (addsDefinitions(tokens.slice(0, from))) return reset();
          commitTokens(source, stableEnd, tokens.slice(0, from), completed);
          const end = endOf(tokens.slice(from));
          open = { start: stableEnd, end, scanFrom: stableEnd + end.from };
          continue;
        }
        if (addsDefinitions(done)) return reset();
        commitTokens(source, stableEnd, done, completed);
        continue;
      }
      // The whole tail is lexed: the definitions in the text are known exactly.
      const all = { ...definitions };
      for (const [tag, link] of definitionsIn(tokens)) all[tag] ??= link;
      if (!sameLinks(all, lexedWith)) {
        lexedWith = all;
        return reset();
      }
      commitTokens(source, stableEnd, done, completed);
      return { reset: false, completed, growing: tokens.slice(done.length) };
    }
  }

  function addsDefinitions(tokens: Token[]): boolean {
    const added = definitionsIn(tokens).filter(([tag]) => lexedWith[tag] === undefined);
    if (added.length === 0) return false;
    lexedWith = { ...lexedWith };
    for (const [tag, link] of added) lexedWith[tag] ??= link;
    return true;
  }

  function reset(): BlockUpdate {
    restart();
    return { reset: true, completed: [], growing: [] };
  }

  /**
   * The text changed after `offset` (it was replaced, not appended to). Keeps the complete blocks
   * that end there or before, and returns where they end: the caller feeds the text from there.
   */
  function rewind(offset: number): number {
    let keep = ends.length;
    while (keep > 0 && ends[keep - 1] > offset) keep--;
    const kept: Links = {};
    for (const made of definitionsOf.slice(0, keep)) for (const [tag, link] of made) kept[tag] ??= link;
    // Blocks kept were read with definitions that may have been in the part that changed.
    if (!sameLinks(kept, lexedWith)) {
      restart();
      lexedWith = {};
      return 0;
    }
    ends.length = keep;
    definitionsOf.length = keep;
    definitions = kept;
    stableEnd = keep > 0 ? ends[keep - 1] : 0;
    open = null;
    runAt = -1;
    return stableEnd;
  }

  /**
   * The blocks still growing, as the text reads if nothing more comes: an open raw run small
   * enough is lexed (once, not kept: text appended later makes it a raw run again).
   */
  function settle(text: string): Block[] | null {
    if (!open || text.length - open.start > upgradeMax) return null;
    return lex(text.slice(open.start), lexedWith).tokens;
  }

  return { update, rewind, settle, count: () => ends.length };
}

function run(text: string, start: number, end: number, code: boolean): RawRun {
  return { type: 'raw-run', start, raw: text.slice(start, end), code };
}

/** Where the last blocks with no blank line between them start. */
function runFrom(tokens: Token[]): number {
  let from = tokens.length - 1;
  while (from > 0 && tokens[from].type === 'space') from--;
  while (from > 0 && tokens[from - 1].type !== 'space' && !endsWithBlankLine(tokens[from - 1])) from--;
  return from;
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
function runEnd(text: string, run: OpenRun): number | null {
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

function lex(source: string, known: Links): { tokens: Token[] } {
  const lexer = new Lexer(OPTIONS);
  Object.assign(lexer.tokens.links, known);
  return { tokens: lexer.lex(source) };
}

/** The link definitions tokens make, in order, also inside quotes and list items. */
function definitionsIn(tokens: Token[]): Definition[] {
  const found: Definition[] = [];
  const visit = (list: Token[] | undefined) => {
    for (const token of list ?? []) {
      if (token.type === 'def') found.push([token.tag, { href: token.href, title: token.title }]);
      else if (token.type === 'blockquote') visit((token as Tokens.Blockquote).tokens);
      else if (token.type === 'list') for (const item of (token as Tokens.List).items) visit(item.tokens);
    }
  };
  visit(tokens);
  return found.length ? found : NO_DEFINITIONS;
}

/**
 * Where what may still change starts: the last two blocks (tokens that are not blank lines),
 * and before them every block not followed by a blank line.
 */
function growingFrom(tokens: Token[]): number {
  let blocks = 0;
  let i = tokens.length - 1;
  for (; i >= 0 && blocks < 2; i--) if (tokens[i].type !== 'space') blocks++;
  let start = i + 1;
  while (start > 0 && tokens[start - 1].type !== 'space' && !endsWithBlankLine(tokens[start - 1])) start--;
  return start;
}

/** marked folds a single blank line after a block into that block's `raw`. */
function endsWithBlankLine(token: Token): boolean {
  return /\n[ \t]*\n$/.test(token.raw);
}

function sameLinks(a: Links, b: Links): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => b[key] !== undefined && a[key].href === b[key].href && a[key].title === b[key].title);
}

/**
 * How many characters of `text` from `start` the token covers. marked reads CRLF and CR as LF
 * before lexing, so their `raw` lengths count a CRLF as one character.
 */
function sourceLength(text: string, start: number, token: Token, hasCR: boolean): number {
  const normalized = token.raw.length;
  if (normalized === 0 || !hasCR) return normalized;
  let index = start;
  for (let left = normalized; left > 0; left--) index += text[index] === '\r' && text[index + 1] === '\n' ? 2 : 1;
  return index - start;
}
