import { describe, expect, it } from 'vitest';
import { readSseMessages, type ReadOptions } from '@/utils/endpoint/sse-events';
import { parseStreamEvent } from '@/utils/contract/sidechat-wire';
import { bodyFromChunks, splitBytes } from '../fixtures/streams';

/** The Sidechat protocol's events, as its decoder reads each SSE message. */
async function* readStreamEvents(body: ReadableStream<Uint8Array>, options?: ReadOptions) {
  for await (const { data, event, id } of readSseMessages(body, options)) yield { event: parseStreamEvent(data, event), eventId: id };
}

async function collect(chunks: Uint8Array[]) {
  const out = [];
  for await (const item of readStreamEvents(bodyFromChunks(chunks))) out.push(item);
  return out;
}

// CRLF, CR-only lines, comments, an event: name, multi-line data, multi-byte characters.
const STREAM = [
  ': keep-alive\r\n\r\n',
  'id: 1\r\ndata: {"type":"content","data":"Héllo — "}\r\n\r\n',
  'event: content\ndata: {"data":"wörld 🌍"}\n\n',
  'data: {"type":"chunk",\ndata: "content":"!"}\n\n',
  'data: {"type":"done","sessionId":"s-1"}\r\r',
].join('');

describe('readStreamEvents', () => {
  it('reads every kind of framing into protocol events', async () => {
    const events = await collect(splitBytes(STREAM, []));
    expect(events.map((e) => e.event)).toEqual([
      { type: 'content', data: 'Héllo — ' },
      { type: 'content', data: 'wörld 🌍' },
      { type: 'content', data: '!' },
      { type: 'done', sessionId: 's-1' },
    ]);
    expect(events[0].eventId).toBe('1');
  });

  it('gives the same events whatever byte position the stream is cut at', async () => {
    const whole = await collect(splitBytes(STREAM, []));
    const length = new TextEncoder().encode(STREAM).length;
    for (let cut = 1; cut < length; cut++) {
      expect(await collect(splitBytes(STREAM, [cut]))).toEqual(whole);
    }
  });

  it('gives the same events when every byte arrives on its own', async () => {
    const whole = await collect(splitBytes(STREAM, []));
    const length = new TextEncoder().encode(STREAM).length;
    const everyByte = Array.from({ length }, (_, i) => i);
    expect(await collect(splitBytes(STREAM, everyByte))).toEqual(whole);
  });

  it('reports malformed and unknown events instead of throwing', async () => {
    const events = await collect(splitBytes('data: {not json\n\ndata: {"type":"ping"}\n\ndata: [DONE]\n\n', []));
    expect(events.map((e) => e.event.type)).toEqual(['malformed', 'unknown', 'done']);
  });

  it('reports the server’s retry: and keeps each event’s id', async () => {
    const retries: number[] = [];
    const events = [];
    const text = 'retry: 2500\n\nid: 7\ndata: {"type":"content","data":"a"}\n\ndata: {"type":"done"}\n\n';
    for await (const item of readStreamEvents(bodyFromChunks(splitBytes(text, [5])), { onRetry: (ms) => retries.push(ms) })) events.push(item);
    expect(retries).toEqual([2500]);
    expect(events.map((e) => e.eventId)).toEqual(['7', undefined]);
  });
});
