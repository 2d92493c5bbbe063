/**
 * A responder for load: many tiny pieces as fast as the socket takes them (or at a set pace),
 * each reported with the time it is handed to the server for writing, so a client on the same
 * machine can measure how long a piece takes to reach the screen. `npm run bench` uses it;
 * `npm run server -- --firehose` serves it.
 *
 *   words N [every M ms] [stamped]
 *                               N pieces "w0 ", "w1 ", … (index in base 36), a paragraph every 40;
 *                               stamped: "w0@<writtenAt> ", so a client in another process can
 *                               measure each piece's latency (`npm run bench:server`)
 *   markdown N kb [in P-character pieces] [every M ms]
 *                               N KB of a typical markdown answer, cut at random points into
 *                               pieces of 1–12 characters (or 1 to 2P−1: P on average), the
 *                               same cuts every time
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Responder } from './types';

export interface FirehosePiece {
  /** 0-based position of the piece in its reply. */
  index: number;
  text: string;
  /** Epoch milliseconds with sub-millisecond precision, comparable with a page's `performance.timeOrigin + performance.now()`. */
  writtenAt: number;
}

export interface FirehoseOptions {
  /**
   * Called as each piece goes to the server for writing. With the server's own pace at 0 (the
   * default with --firehose) the write follows at once; a server pace would sleep in between.
   */
  onPiece?: (piece: FirehosePiece) => void;
}

const WORDS = /^\s*words\s+(\d+)(?:\s+every\s+(\d+(?:\.\d+)?)\s*ms)?(\s+stamped)?\s*$/i;
const MARKDOWN = /^\s*markdown\s+(\d+)\s*kb(?:\s+in\s+(\d+)-character\s+pieces)?(?:\s+every\s+(\d+(?:\.\d+)?)\s*ms)?\s*$/i;
const MAX_PIECES = 1_000_000;
const MAX_KB = 10_000;
const PARAGRAPH_EVERY = 40;

const USAGE =
  'Firehose responder. Ask for "words N" (N pieces "w0 ", "w1 ", …), or "markdown N kb" ' +
  '(N KB of markdown in pieces of 1–12 characters, or "in P-character pieces" on average); add "every M ms" to pace them, ' +
  'e.g. "words 500 every 10 ms".';

export function createFirehoseResponder(options: FirehoseOptions = {}): Responder {
  return {
    async *reply({ message, signal }) {
      const pieces = piecesFor(message);
      const pauseMs = Number(WORDS.exec(message)?.[2] ?? MARKDOWN.exec(message)?.[3] ?? 0);
      const stamped = Boolean(WORDS.exec(message)?.[3]);
      let index = 0;
      for (const text of pieces) {
        if (index > 0 && pauseMs > 0) await sleep(pauseMs, undefined, { signal }).catch(() => {});
        if (signal.aborted) return;
        const writtenAt = performance.timeOrigin + performance.now();
        options.onPiece?.({ index, text, writtenAt });
        index++;
        yield stamped ? `${text.trimEnd()}@${writtenAt.toFixed(2)} ` : text;
      }
    },
  };
}

function piecesFor(message: string): Iterable<string> {
  const words = WORDS.exec(message);
  if (words) return wordPieces(Math.min(Number(words[1]), MAX_PIECES));
  const markdown = MARKDOWN.exec(message);
  if (markdown) return cutAtRandom(markdownText(Math.min(Number(markdown[1]), MAX_KB) * 1024), markdown[2] ? 2 * Number(markdown[2]) - 1 : 12);
  return [USAGE];
}

function* wordPieces(count: number): Generator<string> {
  for (let i = 0; i < count; i++) yield `w${i.toString(36)}${(i + 1) % PARAGRAPH_EVERY === 0 ? '\n\n' : ' '}`;
}

/** Sections in the shape of a model's answer: headings, prose, lists, tables, code. */
function section(n: number): string {
  return [
    `## Part ${n}: a heading`,
    '',
    `Some prose with **bold**, *italic*, \`inline code\` and a [link](https://example.com/${n}). ` +
      'It runs on for a while, the way an explanation does, so that paragraphs have a realistic length ' +
      'and wrap over several lines in a narrow panel.',
    '',
    '- a first point',
    '- a second point, with `code`',
    `- [x] a task that is done (${n})`,
    '',
    '| Column | Value |',
    '|---|---:|',
    `| rows | ${n} |`,
    '| more | 42 |',
    '',
    '```ts',
    `function part${n}(input: string): number {`,
    '  return input.length * 2;',
    '}',
    '```',
    '',
    `> A quoted remark number ${n}.`,
    '',
  ].join('\n');
}

function markdownText(bytes: number): string {
  let text = '';
  for (let n = 1; text.length < bytes; n++) text += `${section(n)}\n`;
  return text.slice(0, bytes);
}

/** Cuts into pieces of 1 to `longest` characters at pseudo-random points (a fixed seed), so every run streams the same pieces. */
function cutAtRandom(text: string, longest: number): string[] {
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 4294967296;
  };
  const pieces: string[] = [];
  for (let start = 0; start < text.length; ) {
    const length = 1 + Math.floor(next() * longest);
    pieces.push(text.slice(start, start + length));
    start += length;
  }
  return pieces;
}
