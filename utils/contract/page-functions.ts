/**
 * The functions Sidechat offers the model. All read the page the panel belongs to and have no
 * side effects: nothing a model or a page asks for can change anything. Each is declared once,
 * as a valibot schema that both validates the model's arguments and becomes the JSON Schema the
 * endpoint sees.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { FunctionCall, FunctionDeclaration } from './sidechat-wire';
import { PAGE_TEXT_LIMIT } from './function-results';

const PAGE_FUNCTIONS = {
  get_page_context: {
    description:
      'Read the web page the user has open next to the side panel: its url, title, lang, description, the text the user ' +
      `selected, and its readable main text (at most ${PAGE_TEXT_LIMIT.toLocaleString('en-US')} characters; truncated is true when it was cut). ` +
      'Use it when the user asks about "this page" — to summarize it, explain it or answer from it. The user is asked before anything is shared.',
    args: v.strictObject({}),
  },
  get_selection: {
    description: 'The text the user has selected on the page next to the side panel, and the url of that page.',
    args: v.strictObject({}),
  },
  find_in_page: {
    description:
      'Search the visible text of the page next to the side panel for a word or phrase (case-insensitive). Returns how ' +
      'many times it appears and the passages around the first matches.',
    args: v.strictObject({
      query: v.pipe(v.string(), v.minLength(1), v.maxLength(200), v.description('The word or phrase to look for')),
    }),
  },
} as const;

export type PageFunctionName = keyof typeof PAGE_FUNCTIONS;

/** What runs in the page: a known function with valid arguments. */
export type PageRequest = { [N in PageFunctionName]: { name: N; args: v.InferOutput<(typeof PAGE_FUNCTIONS)[N]['args']> } }[PageFunctionName];

/** A call the model made, checked. */
export type ValidCall = PageRequest & { id: string };

/** Sent with every request, so the endpoint knows what it may call. */
export const FUNCTION_DECLARATIONS: FunctionDeclaration[] = Object.entries(PAGE_FUNCTIONS).map(([name, { description, args }]) => {
  const { $schema: _draft, ...parameters } = toJsonSchema(args);
  return { name, description, parameters };
});

const isPageFunction = (name: string): name is PageFunctionName => Object.hasOwn(PAGE_FUNCTIONS, name);

/** What is wrong with a call, as data: the side that reports it puts it in words. */
export type CallProblem =
  | { kind: 'unknown-function'; name: string; offered: PageFunctionName[] }
  | { kind: 'invalid-arguments'; name: PageFunctionName; issues: { path: string; message: string }[] };

/** The call, checked; or what is wrong with it. */
export function checkCall(call: FunctionCall): { ok: true; call: ValidCall } | { ok: false; problem: CallProblem } {
  if (!isPageFunction(call.name)) {
    return { ok: false, problem: { kind: 'unknown-function', name: call.name, offered: Object.keys(PAGE_FUNCTIONS) as PageFunctionName[] } };
  }
  const args = v.safeParse(PAGE_FUNCTIONS[call.name].args, call.arguments);
  if (!args.success) {
    const issues = args.issues.map((issue) => ({ path: v.getDotPath(issue) ?? 'arguments', message: issue.message }));
    return { ok: false, problem: { kind: 'invalid-arguments', name: call.name, issues } };
  }
  return { ok: true, call: { id: call.id, name: call.name, args: args.output } as ValidCall };
}
