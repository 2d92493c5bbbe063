import { describe, expect, it } from 'vitest';
import { readSseMessages, type ReadOptions } from '@/utils/endpoint/sse-events';
import { parseStreamEvent } from '@/utils/contract/sidechat-wire';
import { bodyFromChunks, splitBytes } from '../fixtures/streams';
import { isWholeEventData } from '@/utils/endpoint/sse-line-framing';

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

/** Every way of cutting `text` into two or three reads gives `expected` (some 20,000 ways for 200 bytes). */
async function expectAtEverySplit(text: string, expected: unknown[]) {
  const length = new TextEncoder().encode(text).length;
  const cuts: number[][] = [[]];
  for (let first = 1; first < length; first++) {
    cuts.push([first]);
    for (let second = first + 1; second < length; second++) cuts.push([first, second]);
  }
  const wanted = JSON.stringify(expected);
  for (const at of cuts) {
    const events = await collect(splitBytes(text, at));
    if (JSON.stringify(events) !== wanted) expect(events, `cut at ${at.join(' and ')}`).toEqual(expected);
  }
}

const content = (data: string, eventId?: string) => ({ event: { type: 'content', data }, eventId });
const done = (eventId?: string) => ({ event: { type: 'done', sessionId: 'abc' }, eventId });

describe('readStreamEvents, a stream that does not separate its events with blank lines', () => {
  // The Termix widget's documented stream: one whole JSON event per data line.
  const BLANKLESS = 'data: {"type":"content","data":"Hello"}\ndata: {"type":"content","data":" there!"}\ndata: {"type":"done","sessionId":"abc"}\n\n';

  it('takes each data line holding a whole JSON event as its own event, at every split', { timeout: 60_000 }, async () => {
    await expectAtEverySplit(BLANKLESS, [content('Hello'), content(' there!'), done()]);
  });

  it('still joins a JSON value split across data lines, the SSE way, at every split', { timeout: 60_000 }, async () => {
    const text = 'data: {"type":"content",\ndata: "data":"Hé"}\n\ndata: {"type":\ndata:\ndata: "done", "sessionId":"abc"}\n\n';
    await expectAtEverySplit(text, [content('Hé'), done()]);
  });

  it('reads both kinds mixed, with ids, names, comments, retry: and CRLF or CR line ends, at every split', { timeout: 60_000 }, async () => {
    const retries: number[] = [];
    const text = [
      'retry: 800\r\n: hi\r\n',
      'id: 1\r\ndata: {"type":"content","data":"a🌍"}\r\n',
      'id: 2\revent: content\rdata: {"data":\rdata: "b"}\r',
      'id: 3\ndata: {"type":"content","data":"c"}\n\n',
      'data: {"type":"done","sessionId":"abc"}\r\n',
    ].join('');
    const expected = [content('a🌍', '1'), content('b', '2'), content('c', '3'), done()];
    await expectAtEverySplit(text, expected);
    for await (const _ of readStreamEvents(bodyFromChunks(splitBytes(text, [])), { onRetry: (ms) => retries.push(ms) }));
    expect(retries).toEqual([800]);
  });

  it('keeps the last event when the stream ends without a blank line after it, at every split', { timeout: 60_000 }, async () => {
    await expectAtEverySplit('data: {"type":"content","data":"Hi"}\ndata: {"type":"done","sessionId":"abc"}\n', [content('Hi'), done()]);
    await expectAtEverySplit('id: 1\ndata: {"type":"content","data":"Hi"}\nid: 2\ndata: {"type":"done","sessionId":"abc"}', [content('Hi', '1'), done('2')]);
    await expectAtEverySplit('data: {"type":"content","data":"Hi"}\n\ndata: {"type":\r\ndata: "done","sessionId":"abc"}\r\n', [content('Hi'), done()]);
    await expectAtEverySplit('data: {"type":"content","data":"Hi"}\n\ndata: {"type":\ndata: "done","sessionId":"abc"}', [content('Hi'), done()]);
  });

  it('drops an event the stream cut short rather than report it malformed', async () => {
    expect(await collect(splitBytes('data: {"type":"content","data":"Hi"}\ndata: {"type":"cont', []))).toEqual([content('Hi')]);
    expect(await collect(splitBytes('data: {"type":"content",\ndata: "data":"H', []))).toEqual([]);
  });

  it('does not take a blank data line after a whole JSON event for an event of its own', async () => {
    expect(await collect(splitBytes('data: {"type":"content","data":"Hi"}\ndata:\ndata: \n\n', []))).toEqual([content('Hi')]);
  });

  it('keeps ids written after the data line from the second event on', { timeout: 60_000 }, async () => {
    // The first event is delivered as its data line arrives, before its id is known: a server
    // that writes id: last can only be told from one that writes no blank lines once it has.
    const text = 'data: {"type":"content","data":"a"}\nid: 1\n\ndata: {"type":"content","data":"b"}\nid: 2\n\ndata: {"type":"done","sessionId":"abc"}\nid: 3\n\n';
    await expectAtEverySplit(text, [content('a'), content('b', '2'), done('3')]);
  });

  it('delivers each event as its line arrives, before the next line or a blank line', async () => {
    let source!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({ start: (controller) => void (source = controller) });
    const events = readStreamEvents(body);
    const within = <T>(promise: Promise<T>, what: string) =>
      Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} was not delivered`)), 2000))]);
    const encoder = new TextEncoder();

    source.enqueue(encoder.encode('data: {"type":"content","data":"Hello"}\n'));
    expect((await within(events.next(), 'the first line')).value).toEqual(content('Hello'));
    source.enqueue(encoder.encode('data: {"type":"content",\ndata: "data":" there!"}\r\n'));
    expect((await within(events.next(), 'the split JSON')).value).toEqual(content(' there!'));
    source.enqueue(encoder.encode('data: {"type":"done","sessionId":"abc"}\r'));
    expect((await within(events.next(), 'the done line')).value).toEqual(done());
    source.close();
    expect((await within(events.next(), 'the end')).done).toBe(true);
  });
});

describe('isWholeEventData', () => {
  it('is true for a JSON object or [DONE], whitespace around allowed', () => {
    expect(isWholeEventData('{"type":"done"}')).toBe(true);
    expect(isWholeEventData('\n{"type":\n"done"} ')).toBe(true);
    expect(isWholeEventData(' [DONE]')).toBe(true);
  });

  it('is false for data a further data line may still complete, or that no line can', () => {
    expect(isWholeEventData('{"type":"content",')).toBe(false);
    expect(isWholeEventData('{"a":{"b":1}}}')).toBe(false);
    expect(isWholeEventData('')).toBe(false);
    expect(isWholeEventData('[1]')).toBe(false);
  });
});
