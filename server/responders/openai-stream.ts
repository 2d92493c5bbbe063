/**
 * Reading an OpenAI-compatible `chat.completion.chunk` stream: text deltas as they come, tool
 * calls assembled from their fragments (the arguments arrive as pieces of a JSON string, spread
 * over many chunks, keyed by `index`), and the usage of the final chunk.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import * as v from 'valibot';
import type { FunctionCall, Usage } from '../../utils/contract/sidechat-wire';

const ToolCallDeltaSchema = v.object({
  index: v.optional(v.number(), 0),
  id: v.optional(v.nullable(v.string())),
  function: v.optional(v.object({ name: v.optional(v.nullable(v.string())), arguments: v.optional(v.nullable(v.string())) })),
});

const ChunkSchema = v.object({
  choices: v.optional(
    v.array(
      v.object({
        delta: v.optional(v.object({ content: v.optional(v.nullable(v.string())), tool_calls: v.optional(v.nullable(v.array(ToolCallDeltaSchema))) })),
      }),
    ),
    [],
  ),
  usage: v.optional(v.nullable(v.object({ prompt_tokens: v.optional(v.number()), completion_tokens: v.optional(v.number()), total_tokens: v.optional(v.number()) }))),
  error: v.optional(v.object({ message: v.optional(v.string()) })),
});

/** What the stream amounts to, beyond the text already handed out. */
export type CompletionPiece = { text: string } | { toolCalls: FunctionCall[] } | { usage: Usage };

interface PartialCall {
  id: string;
  name: string;
  arguments: string;
}

export async function* readCompletionStream(body: ReadableStream<Uint8Array>): AsyncGenerator<CompletionPiece> {
  const partial = new Map<number, PartialCall>();
  const events = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).pipeThrough(new EventSourceParserStream());
  for await (const { data } of events as unknown as AsyncIterable<{ data: string }>) {
    if (data.trim() === '[DONE]') break;
    const chunk = v.safeParse(ChunkSchema, JSON.parse(data));
    if (!chunk.success) throw new Error(`The model server sent a chunk that is not a chat.completion.chunk: ${v.summarize(chunk.issues)}`);
    if (chunk.output.error) throw new Error(`The model server failed mid-reply: ${chunk.output.error.message ?? 'no message'}`);
    for (const choice of chunk.output.choices) {
      if (choice.delta?.content) yield { text: choice.delta.content };
      for (const fragment of choice.delta?.tool_calls ?? []) {
        const call = partial.get(fragment.index) ?? { id: '', name: '', arguments: '' };
        call.id ||= fragment.id ?? '';
        call.name += fragment.function?.name ?? '';
        call.arguments += fragment.function?.arguments ?? '';
        partial.set(fragment.index, call);
      }
    }
    const usage = chunk.output.usage;
    if (usage) yield { usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens, totalTokens: usage.total_tokens } };
  }
  if (partial.size > 0) yield { toolCalls: [...partial.entries()].sort(([a], [b]) => a - b).map(([index, call]) => toFunctionCall(call, index)) };
}

function toFunctionCall(call: PartialCall, index: number): FunctionCall {
  let parsed: unknown = {};
  if (call.arguments.trim()) {
    try {
      parsed = JSON.parse(call.arguments);
    } catch {
      throw new Error(`The model called ${call.name || 'a function'} with arguments that are not JSON: ${call.arguments.slice(0, 200)}`);
    }
  }
  if (parsed !== null && (typeof parsed !== 'object' || Array.isArray(parsed))) {
    throw new Error(`The model called ${call.name || 'a function'} with arguments that are not a JSON object`);
  }
  return { id: call.id || `call_${index}`, name: call.name, arguments: (parsed ?? {}) as Record<string, unknown> };
}
