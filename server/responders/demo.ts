import type { PageContext } from '../../utils/contract/sidechat-wire';
import { answerFromResults, pageCall } from './page-questions';
import type { ReplyPiece, Responder, ResponderTurn } from './types';

const MAX_COUNT = 10_000;

// Non-ASCII on purpose ("—", "é", an astral emoji): it exercises multi-byte splitting in clients.
const GREETING =
  "Hello! 👋 I'm the demo responder of Sidechat — a built-in, deterministic stand-in for a real model, " +
  'so the extension can be tried end to end without one. Every reply is canned: no model, no network, ' +
  'same question, same answer. For a real model, start the server with SIDECHAT_OPENAI_BASE_URL and ' +
  'SIDECHAT_OPENAI_MODEL set (any OpenAI-compatible API); type "help" to see what I can do. Bonne journée!';

const HELP =
  'I am the demo responder, so my repertoire is small: ' +
  '"hello" — a greeting and a word on what I am; ' +
  '"help" — this list; ' +
  `"count to N" — the numbers 1 to N separated by spaces, nothing else (N up to ${MAX_COUNT}), handy for testing long streams; ` +
  '"summarize this page" — I ask to read the page you are on (you decide) and pick its key sentences; ' +
  '"find WORDS" — I search the page for them; ' +
  'anything else — I quote your message back and tell you which turn of the session it is.';

export const demoResponder: Responder = {
  async *reply(turn) {
    for (const piece of replyPieces(turn)) {
      if (turn.signal.aborted) return;
      yield piece;
    }
  },
};

function replyPieces(turn: ResponderTurn): Iterable<ReplyPiece> {
  if (turn.functionResults) return words(answerFromResults(turn.functionResults));
  const call = pageCall(turn);
  if (call) return [call];
  const shared = turn.context ? words(sharedPage(turn.context)) : [];
  return [...shared, ...cannedPieces(turn.message, turn.turnNumber)];
}

function sharedPage({ title, url, selection }: PageContext): string {
  const quoted = selection ? ` with the selection “${selection.length > 200 ? `${selection.slice(0, 200)}…` : selection}”` : '';
  return `You shared “${title || url}” (${url})${quoted}. `;
}

function cannedPieces(message: string, turnNumber: number): Iterable<string> {
  const count = /^\s*count to (\d+)\s*[.!]?\s*$/i.exec(message);
  if (count) {
    const n = Number(count[1]);
    return n >= 1 && n <= MAX_COUNT
      ? countTo(n)
      : words(`I can only count from 1 to ${MAX_COUNT} — try "count to 20".`);
  }
  if (/^\s*(hello|hi|hey)\b/i.test(message)) return words(GREETING);
  if (/^\s*help\s*[.!?]?\s*$/i.test(message)) return words(HELP);
  return words(
    `You said: “${message.trim()}”. This is turn ${turnNumber} of this session. ` +
      "I'm only the demo responder, so I repeat rather than answer; type \"help\" to see what else I can do.",
  );
}

// Tests compare this text exactly, so the last number has no trailing space.
function* countTo(n: number): Generator<string> {
  for (let i = 1; i < n; i++) yield `${i} `;
  yield String(n);
}

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
