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
 */
import { getDefaults, Lexer, type Links, type Token } from 'marked';

export interface BlockUpdate {
  /** Earlier blocks are stale: drop everything rendered so far before using `completed`. */
  reset: boolean;
  /** Blocks that just became complete, in order. Each is reported once (again only after a reset). */
  completed: Token[];
  /** The tokens from the last block on: they replace the previous update's `growing`. */
  growing: Token[];
}

// One options object, so every lexer shares marked's tokenizer instead of building one each time.
const OPTIONS = { ...getDefaults(), gfm: true, breaks: false };

export function createBlockSplitter() {
  let seen = '';
  /** Offset in the text where the complete blocks end. */
  let stableEnd = 0;
  /** Definitions made by complete blocks; the growing tail is lexed knowing them. */
  let definitions: Links = {};
  /** The definitions the complete blocks were lexed with. */
  let lexedWith: Links = {};

  function restart(): void {
    stableEnd = 0;
    definitions = {};
  }

  function update(text: string): BlockUpdate {
    let reset = !text.startsWith(seen);
    if (reset) restart();
    seen = text;
    let tail = lex(text.slice(stableEnd), definitions);
    if (!sameLinks(tail.links, lexedWith)) {
      // A definition appeared or changed: blocks already complete may read differently now.
      if (stableEnd > 0) {
        restart();
        tail = lex(text, definitions);
      }
      reset = true;
      lexedWith = tail.links;
    }
    const completed = tail.tokens.slice(0, growingFrom(tail.tokens));
    for (const token of completed) {
      if (token.type === 'def') definitions[token.tag] ??= { href: token.href, title: token.title };
    }
    stableEnd += sourceLength(text, stableEnd, completed);
    return { reset, completed, growing: tail.tokens.slice(completed.length) };
  }

  return { update };
}

function lex(source: string, known: Links): { tokens: Token[]; links: Links } {
  const lexer = new Lexer(OPTIONS);
  Object.assign(lexer.tokens.links, known);
  const tokens = lexer.lex(source);
  return { tokens, links: tokens.links };
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
 * How many characters of `text` from `start` the tokens cover. marked reads CRLF and CR as LF
 * before lexing, so their `raw` lengths count a CRLF as one character.
 */
function sourceLength(text: string, start: number, tokens: Token[]): number {
  let normalized = 0;
  for (const token of tokens) normalized += token.raw.length;
  if (normalized === 0 || !text.includes('\r', start)) return normalized;
  let index = start;
  for (let left = normalized; left > 0; left--) index += text[index] === '\r' && text[index + 1] === '\n' ? 2 : 1;
  return index - start;
}
