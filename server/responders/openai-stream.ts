/**
 * Reading an OpenAI-compatible `chat.completion.chunk` stream with the shared mapping
 * (utils/contract/openai-wire.ts): text deltas as they come, tool calls whole once the stream
 * ends, and the usage. Reasoning is not part of the Sidechat protocol's reply, so it is dropped.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { createChunkMapper, type OpenAiEvent } from '../../utils/contract/openai-wire';
import type { FunctionCall, Usage } from '../../utils/contract/sidechat-wire';

/** What the stream amounts to, beyond the text already handed out. */
export type CompletionPiece = { text: string } | { toolCalls: FunctionCall[] } | { usage: Usage };

export async function* readCompletionStream(body: ReadableStream<Uint8Array>): AsyncGenerator<CompletionPiece> {
  const mapper = createChunkMapper();
  const toolCalls: FunctionCall[] = [];
  const events = body.pipeThrough(new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>).pipeThrough(new EventSourceParserStream());
  const pieces = function* (list: OpenAiEvent[]): Generator<CompletionPiece> {
    for (const event of list) {
      if (event.type === 'text') yield { text: event.text };
      else if (event.type === 'function_call') toolCalls.push(event.call);
      else if (event.type === 'malformed') throw new Error(`The model server sent a chunk that is not a chat.completion.chunk: ${event.reason}`);
      else if (event.type === 'error') throw new Error(`The model server failed mid-reply: ${event.message}`);
      else if (event.type === 'done' && event.usage) yield { usage: event.usage };
    }
  };
  for await (const { data } of events as unknown as AsyncIterable<{ data: string }>) {
    yield* pieces(mapper.message(data));
  }
  yield* pieces(mapper.end());
  if (toolCalls.length > 0) yield { toolCalls };
}
