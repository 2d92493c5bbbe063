import type { PageContext } from '../../utils/contract/sidechat-wire';
import { demoAnswer, MAX_COUNT } from './demo-answers';
import { answerFromResults, pageCall } from './page-questions';
import type { ReplyPiece, Responder, ResponderTurn } from './types';

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
  const answer = cannedPieces(turn.message, turn.turnNumber);
  if (!turn.context) return answer;
  // An answer of several blocks (a list, the markdown showcase) must start a block of its own.
  const separator = answer.some((piece) => piece.includes('\n')) ? '\n\n' : ' ';
  return [...words(sharedPage(turn.context) + separator), ...answer];
}

function sharedPage({ title, url, selection }: PageContext): string {
  const quoted = selection ? ` with the selection “${selection.length > 200 ? `${selection.slice(0, 200)}…` : selection}”` : '';
  return `You shared “${title || url}” (${url})${quoted}.`;
}

function cannedPieces(message: string, turnNumber: number): string[] {
  const count = /^\s*count to (\d+)\s*[.!]?\s*$/i.exec(message);
  if (!count) return words(demoAnswer(message, turnNumber));
  const n = Number(count[1]);
  return n >= 1 && n <= MAX_COUNT ? countTo(n) : words(`I can only count from 1 to ${MAX_COUNT} — try "count to 20".`);
}

// Tests compare this text exactly, so the last number has no trailing space.
function countTo(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i + 1 < n ? `${i + 1} ` : String(n)));
}

function words(text: string): string[] {
  return text.match(/\S+\s*/g) ?? [];
}
