import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { createFirehoseResponder, type FirehosePiece } from '../../../server/responders/firehose';
import { contentText, readEvents, startServer } from './helpers';

describe('reference server: firehose responder', () => {
  it('streams "words N" as N pieces, stamping each as it is written', async () => {
    const pieces: FirehosePiece[] = [];
    const { post } = await startServer({ responder: createFirehoseResponder({ onPiece: (piece) => pieces.push(piece) }) });
    const before = performance.timeOrigin + performance.now();
    const events = await readEvents(await post('stream', { message: 'words 100' }));
    expect(events.filter(({ event }) => event.type === 'content')).toHaveLength(100);
    expect(contentText(events)).toBe(pieces.map((p) => p.text).join(''));
    expect(pieces[0].text).toBe('w0 ');
    expect(pieces[39].text).toBe('w13\n\n');
    expect(pieces.map((p) => p.index)).toEqual([...Array(100).keys()]);
    const stamps = pieces.map((p) => p.writtenAt);
    expect(stamps[0]).toBeGreaterThanOrEqual(before);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
  });

  it('streams "markdown N kb" as N KB of markdown in small pieces, the same every time', async () => {
    const { post } = await startServer({ responder: createFirehoseResponder() });
    const first = await readEvents(await post('stream', { message: 'markdown 4 kb' }));
    const second = await readEvents(await post('stream', { message: 'markdown 4 kb' }));
    const text = contentText(first);
    expect(text).toHaveLength(4096);
    expect(text).toMatch(/^## Part 1: a heading\n\nSome prose with \*\*bold\*\*/);
    expect(text).toContain('```ts\nfunction part1');
    const sizes = first.filter(({ event }) => event.type === 'content').map(({ event }) => (event.type === 'content' ? event.data.length : 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(12);
    expect(contentText(second)).toBe(text);

    const larger = await readEvents(await post('stream', { message: 'markdown 4 kb in 40-character pieces' }));
    expect(contentText(larger)).toBe(text);
    const pieces = larger.filter(({ event }) => event.type === 'content').length;
    expect(4096 / pieces).toBeGreaterThan(30);
    expect(4096 / pieces).toBeLessThan(50);
  });

  it('paces pieces when asked, and explains itself otherwise', async () => {
    const { post } = await startServer({ responder: createFirehoseResponder() });
    const events = await readEvents(await post('stream', { message: 'words 5 every 20 ms' }));
    const contents = events.filter(({ event }) => event.type === 'content');
    expect(contents.at(-1)!.at - contents[0].at).toBeGreaterThanOrEqual(60);
    expect(contentText(await readEvents(await post('stream', { message: 'hello' })))).toMatch(/^Firehose responder\. Ask for "words N"/);
  });
});
