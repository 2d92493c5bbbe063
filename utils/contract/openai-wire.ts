/**
 * The OpenAI chat-completions wire (OpenAI, Ollama, LM Studio, llama.cpp's server, vLLM,
 * OpenRouter, Groq …), as pure schemas and mappings shared by the extension's OpenAI-compatible
 * protocol and the reference server's adapter. Servers differ in what they add, so the schemas
 * take only what Sidechat reads and let the rest pass.
 */
import * as v from 'valibot';
import type { FunctionCall, FunctionDeclaration, FunctionResult, PageContext } from './sidechat-wire';
import { CompletionUsageSchema, createChunkMapper, type OpenAiEvent } from './openai-chunks';

export { createChunkMapper, type OpenAiEvent } from './openai-chunks';

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type CompletionMessage =
  | { role: 'system' | 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface CompletionTool {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

/** A request's body, without `stream` (the mode adds it). */
export interface CompletionRequest {
  model: string;
  messages: CompletionMessage[];
  tools?: CompletionTool[];
  /** Streaming only: ask for the usage chunk after the last delta. */
  stream_options?: { include_usage: boolean };
}

export const toolsFrom = (functions: readonly FunctionDeclaration[]): CompletionTool[] =>
  functions.map(({ name, description, parameters }) => ({ type: 'function', function: { name, description, parameters } }));

/** The assistant message that asked for the calls, as the next request must repeat it. */
export function toolCallMessage(text: string, calls: readonly FunctionCall[]): CompletionMessage {
  return { role: 'assistant', content: text || null, tool_calls: calls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: JSON.stringify(call.arguments) } })) };
}

export const toolResultMessage = (result: FunctionResult): CompletionMessage => ({
  role: 'tool',
  tool_call_id: result.id,
  content: JSON.stringify('error' in result ? { error: result.error } : result.result),
});

/** The user's message with the page they shared ("Share this page") appended. */
export function questionWithContext(message: string, context: PageContext | undefined): string {
  if (!context) return message;
  const lines = ['', '---', 'The user shared the page they are on:', `Title: ${context.title}`, `URL: ${context.url}`];
  if (context.selection) lines.push(`Selected text: ${context.selection}`);
  return [message, ...lines].join('\n');
}

/** A `stream: false` answer. */
const CompletionSchema = v.object({
  model: v.optional(v.string()),
  choices: v.pipe(
    v.array(
      v.object({
        message: v.object({
          content: v.optional(v.nullable(v.string())),
          reasoning_content: v.optional(v.nullable(v.string())),
          reasoning: v.optional(v.nullable(v.string())),
          tool_calls: v.optional(v.nullable(v.array(v.object({ id: v.optional(v.string()), function: v.object({ name: v.string(), arguments: v.optional(v.nullable(v.string())) }) })))),
        }),
      }),
    ),
    v.minLength(1, 'a completion has at least one choice'),
  ),
  usage: v.optional(v.nullable(CompletionUsageSchema)),
});

/**
 * A `stream: false` answer as the same events a stream gives: thinking, text, calls, then done.
 * The same mapper reads it, so a `<think>` block or bad call arguments read the same either way.
 */
export function completionEvents(json: unknown): { events: OpenAiEvent[] } | { issue: string } {
  const parsed = v.safeParse(CompletionSchema, json);
  if (!parsed.success) return { issue: v.summarize(parsed.issues) };
  const { message } = parsed.output.choices[0];
  const mapper = createChunkMapper();
  const delta = {
    content: message.content,
    reasoning_content: message.reasoning_content ?? message.reasoning,
    tool_calls: message.tool_calls?.map((call, index) => ({ index, id: call.id, function: call.function })),
  };
  const chunk = { model: parsed.output.model, choices: [{ delta }], usage: parsed.output.usage };
  return { events: [...mapper.message(JSON.stringify(chunk)), ...mapper.end()] };
}

const ErrorSchema = v.object({
  error: v.union([
    v.string(),
    v.object({ message: v.optional(v.nullable(v.string())), code: v.optional(v.nullable(v.union([v.string(), v.number()]))), type: v.optional(v.nullable(v.string())) }),
  ]),
});

/** `{"error":{"message","code"}}` (OpenAI and most), or `{"error":"…"}` (Ollama's own routes). */
export function readCompletionError(json: unknown): { message: string; code?: string } | undefined {
  const parsed = v.safeParse(ErrorSchema, json);
  if (!parsed.success) return undefined;
  const { error } = parsed.output;
  if (typeof error === 'string') return { message: error };
  const code = error.code ?? error.type;
  return { message: error.message ?? String(code ?? 'error'), ...(code != null && { code: String(code) }) };
}
