/**
 * Bytes → protocol events. A streaming UTF-8 decoder, a line reader that ends a message once its
 * data is whole JSON (utils/endpoint/sse-line-framing.ts) and eventsource-parser do the framing, so events, lines
 * and multi-byte characters split across network reads come out whole, and each event as soon as
 * its data line has arrived.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { parseStreamEvent, type ParsedEvent } from '../contract/sidechat-wire';
import { endEventsAtWholeJson } from './sse-line-framing';

export interface SseEvent {
  event: ParsedEvent;
  /** The SSE `id:` field, kept so a dropped stream can say where it stopped. */
  eventId?: string;
}

export interface ReadOptions {
  /** The server's `retry:` field, in milliseconds: how long it wants a client to wait before reconnecting. */
  onRetry?: (ms: number) => void;
}

export async function* readStreamEvents(body: ReadableStream<Uint8Array>, { onRetry }: ReadOptions = {}): AsyncGenerator<SseEvent> {
  // TextDecoderStream accepts any BufferSource; the DOM typings don't see Uint8Array as one here.
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = body.pipeThrough(decoder).pipeThrough(endEventsAtWholeJson()).pipeThrough(new EventSourceParserStream({ onRetry })).getReader();
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) return;
      yield { event: parseStreamEvent(value.data, value.event), eventId: value.id };
    }
  } finally {
    // Stopping early (a done event, an abort) must release the network stream too.
    await reader.cancel().catch(() => {});
  }
}

