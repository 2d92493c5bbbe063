/**
 * The demo responder's questions about "this page": it asks the client for the page through the
 * client's functions, then answers from the result — an extractive summary, the title, the word
 * count, the passages found — so the whole function-call path works with no model.
 */
import { randomUUID } from 'node:crypto';
import * as v from 'valibot';
import type { FunctionResult } from '../../utils/contract/sidechat-wire';
import { FindResultSchema, PageContextResultSchema } from '../../utils/contract/function-results';
import { keySentences, wordsOf } from './key-sentences';
import type { ReplyPiece, ResponderTurn } from './types';

const FIND = /^\s*(?:find|search(?:\s+for)?|look\s+for|where\s+does\s+(?:it|the\s+page|this\s+page)\s+(?:say|mention))\s+(.+?)(?:\s+(?:on|in)\s+(?:this|the)\s+page)?\s*[?.!]*\s*$/i;
const ABOUT_PAGE = /\b(?:summari[sz]e|summary|tl;?dr)\b|\bwhat(?:'s|\s+is)\s+(?:this|the)\s+(?:page|article|site)\b|\bthis\s+page\b/i;

const numberFormat = new Intl.NumberFormat('en-US');

/** The call a message about the page needs, if the client offers that function. */
export function pageCall(turn: ResponderTurn): ReplyPiece | undefined {
  const offers = (name: string) => turn.functions.some((f) => f.name === name);
  const find = FIND.exec(turn.message);
  if (find && offers('find_in_page')) return call('find_in_page', { query: find[1].replace(/^["“']|["”']$/g, '') });
  if (ABOUT_PAGE.test(turn.message) && offers('get_page_context')) return call('get_page_context', {});
  return undefined;
}

function call(name: string, args: Record<string, unknown>): ReplyPiece {
  return { functionCall: { id: `call_${randomUUID().slice(0, 8)}`, name, arguments: args } };
}

/** The answer built from the results of the calls the reply asked for. */
export function answerFromResults(results: readonly FunctionResult[]): string {
  return results.map(answerOne).join('\n\n');
}

function answerOne(result: FunctionResult): string {
  if ('error' in result) {
    return /declined/i.test(result.error)
      ? 'You declined to share the page, so I have not seen it. Ask again when you want me to read it.'
      : `I could not read the page: ${result.error}`;
  }
  if (result.name === 'get_page_context') {
    const page = v.safeParse(PageContextResultSchema, result.result);
    return page.success ? summary(page.output) : 'The page came back in a shape I do not understand.';
  }
  if (result.name === 'find_in_page') {
    const found = v.safeParse(FindResultSchema, result.result);
    return found.success ? passages(found.output) : 'The search came back in a shape I do not understand.';
  }
  return `I asked for ${result.name} but have no use for its result.`;
}

function summary(page: v.InferOutput<typeof PageContextResultSchema>): string {
  const title = page.title || page.url;
  const words = wordsOf(page.text).length;
  const size = page.truncated ? `at least ${numberFormat.format(words)} words (I was given the first part)` : `${numberFormat.format(words)} words`;
  const sentences = keySentences(page.text);
  if (sentences.length === 0) return `“${title}” has ${size}, but no sentences I could summarize.`;
  return `“${title}” — ${size}. Its key sentences:\n\n${sentences.map((s) => `- ${s}`).join('\n')}`;
}

function passages(found: v.InferOutput<typeof FindResultSchema>): string {
  if (found.total === 0) return `“${found.query}” does not appear on the page.`;
  const count = found.total === 1 ? 'once' : `${numberFormat.format(found.total)} times`;
  const shown = found.passages.length < found.total ? ` (the first ${found.passages.length}):` : ':';
  return `“${found.query}” appears ${count} on the page${shown}\n\n${found.passages.map((p, i) => `${i + 1}. ${p}`).join('\n')}`;
}
