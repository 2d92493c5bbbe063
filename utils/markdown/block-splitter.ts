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
 * the update says `reset` and everything is lexed again (link-definitions.ts).
 *
 * The same rule holds for any prefix of the text, so a long tail of many blocks is lexed a
 * window of MAX_LEX characters at a time. A run of blocks with no blank line between them (one huge paragraph, a huge code
 * block) cannot be lexed again for every piece appended to it without the cost growing with its
 * square: past RAW_AFTER it becomes a raw run (raw-runs.ts), shown as plain text, scanned only
 * for where it ends, and lexed once when it ends if it is at most UPGRADE_MAX long.
 */
import { getDefaults, Lexer, type Links, type Token } from 'marked';
import { createLinkDefinitions } from './link-definitions';
import { endsWithBlankLine, isCodeRun, openRun, rawRun, runEnd, runFrom, type OpenRun, type RawRun } from './raw-runs';

/** The most text lexed at once when a tail holds many blocks. */
const MAX_LEX = 16 * 1024;
/**
 * The longest run that is lexed again as it grows. Shorter runs stay markdown: in Chromium a
 * 100 KB paragraph streamed in 20,000 pieces reached the screen 3–6 times slower as a raw run
 * than lexed again every frame (bench: 20000-chunk reply, 4.3–9.6 s against 1.6 s).
 */
export const RAW_AFTER = 128 * 1024;
/** A raw run up to this long becomes markdown once it is complete (one lex of this size). */
export const UPGRADE_MAX = 256 * 1024;

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

export interface SplitterLimits {
  /** Default MAX_LEX. */
  maxLex?: number;
  /** Default RAW_AFTER. */
  rawAfter?: number;
  /** Default UPGRADE_MAX. */
  upgradeMax?: number;
}

/** The blocks found complete so far: where each ends, and the link definitions they make. */
function createCompleteBlocks() {
  const definitions = createLinkDefinitions();
  /** Per complete block: where it ends. */
  let ends: number[] = [];

  function commit(block: Block, end: number, completed: Block[]): void {
    definitions.commit(isRawRun(block) ? null : block);
    ends.push(end);
    completed.push(block);
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

  return {
    definitions,
    /** Offset in the text where the complete blocks end. */
    end: () => ends.at(-1) ?? 0,
    count: () => ends.length,
    commit,
    commitTokens,
    /**
     * An open run that has ended: committed as markdown when at most `upgradeMax` long, else as
     * a raw run. False when it defines a new label (everything is lexed again).
     */
    commitRun(text: string, run: OpenRun, end: number, upgradeMax: number, completed: Block[]): boolean {
      if (end - run.start > upgradeMax) {
        commit(rawRun(text, run.start, end, isCodeRun(run)), end, completed);
        return true;
      }
      const source = text.slice(run.start, end);
      const { tokens } = lex(source, definitions.lexedWith());
      if (definitions.adds(tokens)) return false;
      commitTokens(source, run.start, tokens, completed);
      return true;
    },
    /** Keeps the blocks that end at `offset` or before; false when none can be kept (see LinkDefinitions.keep). */
    keepUpTo(offset: number): boolean {
      let keep = ends.length;
      while (keep > 0 && ends[keep - 1] > offset) keep--;
      if (!definitions.keep(keep)) return false;
      ends.length = keep;
      return true;
    },
    clear(): void {
      ends = [];
      definitions.restart();
    },
  };
}

export function createBlockSplitter({ maxLex = MAX_LEX, rawAfter = RAW_AFTER, upgradeMax = UPGRADE_MAX }: SplitterLimits = {}) {
  const complete = createCompleteBlocks();
  const { definitions } = complete;
  let open: OpenRun | null = null;
  /** Where a window found no complete block: the tail from there is lexed whole until RAW_AFTER. */
  let runAt = -1;

  function restart(): void {
    complete.clear();
    open = null;
    runAt = -1;
  }

  /** `text` extends the text of the previous update (the caller sees to it: see `rewind`). */
  function update(text: string): BlockUpdate {
    const completed: Block[] = [];
    for (;;) {
      if (open) {
        const end = runEnd(text, open);
        if (end === null) return { reset: false, completed, growing: [rawRun(text, open.start, text.length, isCodeRun(open))] };
        const run = open;
        open = null;
        if (!complete.commitRun(text, run, end, upgradeMax, completed)) return reset();
        continue;
      }
      const stableEnd = complete.end();
      const rest = text.length - stableEnd;
      const windowed = rest > maxLex && !(runAt === stableEnd && rest <= rawAfter);
      const source = windowed ? text.slice(stableEnd, stableEnd + maxLex) : text.slice(stableEnd);
      const { tokens } = lex(source, definitions.lexedWith());
      const done = tokens.slice(0, growingFrom(tokens));
      if (windowed) {
        if (done.length === 0 && rest <= rawAfter) {
          runAt = stableEnd;
          continue;
        }
        // The last block is over-long, so its first line has long arrived and it cannot turn
        // into something that joins a block above: those before the blank line are complete.
        const ready = done.length > 0 ? done : tokens.slice(0, runFrom(tokens));
        if (definitions.adds(ready)) return reset();
        complete.commitTokens(source, stableEnd, ready, completed);
        if (done.length === 0) open = openRun(complete.end(), tokens.slice(ready.length));
        continue;
      }
      // The whole tail is lexed: the definitions in the text are known exactly.
      if (definitions.changedWith(tokens)) return reset();
      complete.commitTokens(source, stableEnd, done, completed);
      return { reset: false, completed, growing: tokens.slice(done.length) };
    }
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
    // Blocks kept were read with definitions that may have been in the part that changed.
    if (!complete.keepUpTo(offset)) {
      restart();
      return 0;
    }
    open = null;
    runAt = -1;
    return complete.end();
  }

  /**
   * The blocks still growing, as the text reads if nothing more comes: an open raw run small
   * enough is lexed (once, not kept: text appended later makes it a raw run again).
   */
  function settle(text: string): Block[] | null {
    if (!open || text.length - open.start > upgradeMax) return null;
    return lex(text.slice(open.start), definitions.lexedWith()).tokens;
  }

  return { update, rewind, settle, count: complete.count };
}

function lex(source: string, known: Links): { tokens: Token[] } {
  const lexer = new Lexer(OPTIONS);
  Object.assign(lexer.tokens.links, known);
  return { tokens: lexer.lex(source) };
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
