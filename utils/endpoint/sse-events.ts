/**
 * Bytes → SSE messages, whatever the protocol. A streaming UTF-8 decoder, a line reader that ends
 * a message once its data is whole JSON (utils/endpoint/sse-line-framing.ts) and eventsource-parser
 * do the framing, so events, lines and multi-byte characters split across network reads come out
 * whole, and each message as soon as its data line has arrived; the protocol reads each message's data.
 */
import { EventSourceParserStream, type EventSourceMessage } from 'eventsource-parser/stream';
import { endEventsAtWholeJson } from './sse-line-framing';

/** One SSE message: `data`, the `event:` name, and the `id:` a dropped stream can say it stopped at. */
export type SseMessage = EventSourceMessage;

export interface ReadOptions {
  /** The server's `retry:` field, in milliseconds: how long it wants a client to wait before reconnecting. */
  onRetry?: (ms: number) => void;
}

export async function* readSseMessages(body: ReadableStream<Uint8Array>, { onRetry }: ReadOptions = {}): AsyncGenerator<SseMessage> {
  // TextDecoderStream accepts any BufferSource; the DOM typings don't see Uint8Array as one here.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = body.pipeThrough(decoder).pipeThrough(endEventsAtWholeJson()).pipeThrough(new EventSourceParserStream({ onRetry })).getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stopping early (a done event, an abort) must release the network stream too.
    await reader.cancel().catch(() => {});
  }
}

