/**
 * `chat.completion.chunk` data → reply events, for one stream. Pure and stateful per stream: tool
 * calls arrive as fragments keyed by `index` (id and name first, the JSON arguments in pieces) and
 * are handed out whole when the stream ends; reasoning comes as `reasoning_content` (DeepSeek,
 * vLLM), `reasoning` (Ollama, OpenRouter) or a `<think>` block at the start of the content, and is
 * kept apart from the answer. The reply ends at `[DONE]` or at the end of the stream, not at
 * `finish_reason`: the usage chunk (`choices: []`) comes after that.
 */
import * as v from 'valibot';
import type { FunctionCall, Usage } from './sidechat-wire';

export type OpenAiEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'function_call'; call: FunctionCall }
  | { type: 'done'; usage?: Usage }
  | { type: 'error'; message: string; code?: string }
  | { type: 'malformed'; data: string; reason: string };

const nullableString = v.optional(v.nullable(v.string()));

/** `usage` as servers send it; OpenRouter adds `cost`. */
export const CompletionUsageSchema = v.object({
  prompt_tokens: v.optional(v.nullable(v.number())),
  completion_tokens: v.optional(v.nullable(v.number())),
  total_tokens: v.optional(v.nullable(v.number())),
  cost: v.optional(v.nullable(v.number())),
});

function usageFrom(usage: v.InferOutput<typeof CompletionUsageSchema>): Usage {
  const out: Usage = {};
  if (typeof usage.prompt_tokens === 'number') out.promptTokens = usage.prompt_tokens;
  if (typeof usage.completion_tokens === 'number') out.completionTokens = usage.completion_tokens;
  if (typeof usage.total_tokens === 'number') out.totalTokens = usage.total_tokens;
  if (typeof usage.cost === 'number') out.cost = usage.cost;
  return out;
}


const ToolCallDeltaSchema = v.object({
  index: v.optional(v.number(), 0),
  id: nullableString,
  function: v.optional(v.nullable(v.object({ name: nullableString, arguments: nullableString }))),
});

const ChunkSchema = v.object({
  model: nullableString,
  choices: v.optional(
    v.nullable(
      v.array(
        v.object({
          delta: v.optional(
            v.nullable(
              v.object({ content: nullableString, reasoning_content: nullableString, reasoning: nullableString, tool_calls: v.optional(v.nullable(v.array(ToolCallDeltaSchema))) }),
            ),
          ),
        }),
      ),
    ),
  ),
  usage: v.optional(v.nullable(CompletionUsageSchema)),
  error: v.optional(v.nullable(v.union([v.string(), v.object({ message: nullableString, code: v.optional(v.nullable(v.union([v.string(), v.number()]))) })]))),
});

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

export function createChunkMapper() {
  const calls = new Map<number, PartialCall>();
  const think = createThinkSplitter();
  let usage: Usage | undefined;
  let model: string | undefined;
  let ended = false;

  function finish(): OpenAiEvent[] {
    if (ended) return [];
    ended = true;
    const out: OpenAiEvent[] = think.flush();
    for (const [index, call] of [...calls.entries()].sort(([a], [b]) => a - b)) {
      const read = readCall(call, index);
      if ('message' in read) return [...out, { type: 'error', message: read.message }];
      out.push({ type: 'function_call', call: read });
    }
    // The usage line names the model that answered: it travels in usage, as a Sidechat server sends it.
    const named = model ? { ...usage, model } : usage;
    return [...out, { type: 'done', ...(named && { usage: named }) }];
  }

  return {
    /** One SSE message's data. */
    message(data: string): OpenAiEvent[] {
      if (ended) return [];
      if (data.trim() === '[DONE]') return finish();
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        return [{ type: 'malformed', data, reason: 'not JSON' }];
      }
      const chunk = v.safeParse(ChunkSchema, json);
      if (!chunk.success) return [{ type: 'malformed', data, reason: v.summarize(chunk.issues) }];
      const { error, choices, usage: chunkUsage, model: chunkModel } = chunk.output;
      if (error) {
        ended = true;
        const message = typeof error === 'string' ? error : (error.message ?? 'the model server failed');
        return [{ type: 'error', message, ...(error && typeof error === 'object' && error.code != null && { code: String(error.code) }) }];
      }
      if (chunkModel) model = chunkModel;
      if (chunkUsage) usage = usageFrom(chunkUsage);
      const out: OpenAiEvent[] = [];
      for (const { delta } of choices?.slice(0, 1) ?? []) {
        const reasoning = delta?.reasoning_content ?? delta?.reasoning;
        if (reasoning) out.push({ type: 'reasoning', text: reasoning });
        if (delta?.content) out.push(...think.push(delta.content));
        for (const fragment of delta?.tool_calls ?? []) addFragment(calls, fragment);
      }
      return out;
    },
    /** The stream ended (with or without `[DONE]`): the calls, and done. */
    end: finish,
  };
}

function addFragment(calls: Map<number, PartialCall>, fragment: v.InferOutput<typeof ToolCallDeltaSchema>): void {
  const call = calls.get(fragment.index) ?? { id: '', name: '', arguments: '' };
  call.id ||= fragment.id ?? '';
  call.name += fragment.function?.name ?? '';
  call.arguments += fragment.function?.arguments ?? '';
  calls.set(fragment.index, call);
}

function readCall(call: PartialCall, index: number): FunctionCall | { message: string } {
  const name = call.name || 'a function';
  let parsed: unknown = {};
  if (call.arguments.trim()) {
    try {
      parsed = JSON.parse(call.arguments);
    } catch {
      return { message: `The model called ${name} with arguments that are not JSON: ${call.arguments.slice(0, 200)}` };
    }
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) return { message: `The model called ${name} with arguments that are not a JSON object` };
  return { id: call.id || `call_${index}`, name: call.name, arguments: (parsed ?? {}) as Record<string, unknown> };
}

const OPEN = '<think>';
const CLOSE = '</think>';

/**
 * Splits a `<think>…</think>` block at the very start of the content (after blank space) from the
 * answer, whatever byte the pieces are cut at: text that could still be the start of a tag waits.
 */
function createThinkSplitter() {
  let phase: 'start' | 'thinking' | 'answer' = 'start';
  let held = '';

  function push(piece: string): OpenAiEvent[] {
    if (phase === 'answer') return [{ type: 'text', text: piece }];
    held += piece;
    if (phase === 'start') {
      const lead = held.trimStart();
      if (lead.length < OPEN.length && OPEN.startsWith(lead)) return [];
      if (!lead.startsWith(OPEN)) return answer(held);
      phase = 'thinking';
      held = lead.slice(OPEN.length);
    }
    const close = held.indexOf(CLOSE);
    if (close >= 0) {
      const thought = held.slice(0, close);
      const rest = held.slice(close + CLOSE.length).replace(/^\s+/, '');
      held = '';
      phase = 'answer';
      return [...(thought ? [{ type: 'reasoning' as const, text: thought }] : []), ...(rest ? [{ type: 'text' as const, text: rest }] : [])];
    }
    // Keep back what could be the beginning of the closing tag.
    let keep = 0;
    for (let n = Math.min(CLOSE.length - 1, held.length); n > 0; n--) {
      if (CLOSE.startsWith(held.slice(-n))) {
        keep = n;
        break;
      }
    }
    const thought = held.slice(0, held.length - keep);
    held = held.slice(held.length - keep);
    return thought ? [{ type: 'reasoning', text: thought }] : [];
  }

  function answer(text: string): OpenAiEvent[] {
    phase = 'answer';
    held = '';
    return text ? [{ type: 'text', text }] : [];
  }

  /** The stream ended: an unclosed block was all thinking; a lone prefix was text. */
  function flush(): OpenAiEvent[] {
    if (!held) return [];
    const text = held;
    held = '';
    if (phase === 'thinking') return [{ type: 'reasoning', text }];
    return phase === 'start' && text.trim() === '' ? [] : [{ type: 'text', text }];
  }

  return { push, flush };
}
