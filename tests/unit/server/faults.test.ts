import http from 'node:http';
import zlib from 'node:zlib';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { chatUrl, ErrorBodySchema, RegularReplySchema } from '../../../utils/contract/sidechat-wire';
import { contentText, readEvents, startServer, type TimedEvent } from './helpers';

describe('reference server: fault injection', () => {
  it('replaces the next matching reply with a canned status, body and type, once', async () => {
    const { app, post } = await startServer();
    app.inject({ route: 'stream', status: 404, body: 'Not Found', contentType: 'text/plain' });
    const regular = await post('regular', { message: 'hi' });
    expect(regular.status).toBe(200); // the fault is for the stream route only
    await regular.arrayBuffer();
    const faulted = await post('stream', { message: 'hi' });
    expect(faulted.status).toBe(404);
    expect(faulted.headers.get('content-type')).toBe('text/plain');
    expect(faulted.headers.get('access-control-allow-origin')).toBe('*');
    expect(await faulted.text()).toBe('Not Found');
    const next = await post('stream', { message: 'hi' });
    expect(next.status).toBe(200);
    await next.arrayBuffer();
  });

  it('answers a bare status fault with the protocol error shape', async () => {
    const { app, post } = await startServer();
    app.inject({ status: 500 });
    const response = await post('regular', { message: 'hi' });
    expect(response.status).toBe(500);
    expect(v.parse(ErrorBodySchema, await response.json()).error.code).toBe('injected_fault');
  });

  it('sends a JSON body with a chosen content type on the stream route', async () => {
    const { app, post } = await startServer();
    app.inject({ route: 'stream', body: { content: 'plain JSON', sessionId: 's' } });
    const response = await post('stream', { message: 'hi' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(v.parse(RegularReplySchema, await response.json()).content).toBe('plain JSON');
  });

  it('delays the headers', async () => {
    const { app, post } = await startServer();
    app.inject({ delayMs: 150 });
    const started = Date.now();
    const response = await post('stream', { message: 'hi' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await response.arrayBuffer();
  });

  it('slows one reply down', async () => {
    const { app, post } = await startServer();
    app.inject({ route: 'stream', wps: 20 });
    const started = Date.now();
    expect(contentText(await readEvents(await post('stream', { message: 'count to 5' })))).toBe('1 2 3 4 5');
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('drops the connection after N content events, without done', async () => {
    const { app, post } = await startServer();
    app.inject({ dropAfterEvents: 3 });
    const response = await post('stream', { message: 'count to 10' }, { headers: { 'Accept-Encoding': 'identity' } });
    const events: TimedEvent[] = [];
    await expect(readEvents(response, events)).rejects.toThrow();
    expect(contentText(events)).toBe('1 2 3 ');
    const record = await app.requests.waitFor((r) => r.ended);
    expect(record).toMatchObject({ status: 200, closedByClient: false });
  });

  // Read raw: fetch's own gunzip loses output still in flight when the connection drops.
  it('delivers every event before a drop when gzipped', async () => {
    const { app, url } = await startServer();
    app.inject({ dropAfterEvents: 3 });
    const compressed = await new Promise<Buffer>((resolve) => {
      const chunks: Buffer[] = [];
      const request = http.request(chatUrl(url, 'demo', 'stream'), { method: 'POST', headers: { 'Accept-Encoding': 'gzip' } }, (response) => {
        expect(response.headers['content-encoding']).toBe('gzip');
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', () => {});
        response.on('close', () => resolve(Buffer.concat(chunks)));
      });
      request.end(JSON.stringify({ message: 'count to 10' }));
    });
    const text = zlib.gunzipSync(compressed, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString();
    expect(text.match(/"type":"\w+"/g)).toEqual(Array(3).fill('"type":"content"'));
    expect(text).toContain('"data":"3 "');
  });

  it('cuts a regular request without a reply', async () => {
    const { app, post } = await startServer();
    app.inject({ route: 'regular', dropAfterEvents: 0 });
    await expect(post('regular', { message: 'hi' }).then((r) => r.json())).rejects.toThrow();
  });

  it('writes raw SSE text verbatim and ends', async () => {
    const { app, post } = await startServer();
    const raw = 'event: content\ndata: {"data":"named by event:"}\n\ndata: {"type":"chunk","content":" and chunk"}\n\n';
    app.inject({ rawEvents: raw });
    const response = await post('stream', { message: 'hi' }, { headers: { 'Accept-Encoding': 'identity' } });
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(await response.clone().text()).toBe(raw);
    const events = await readEvents(response);
    expect(events.map(({ event }) => event.type)).toEqual(['content', 'content']);
    expect(contentText(events)).toBe('named by event: and chunk');
  });

  it('adds headers to an otherwise normal reply, and clearFaults drops pending faults', async () => {
    const { app, post } = await startServer();
    app.inject({ headers: { 'X-Test': 'yes' } });
    const response = await post('regular', { message: 'hi' });
    expect(response.headers.get('x-test')).toBe('yes');
    expect(v.parse(RegularReplySchema, await response.json()).content).toContain('Sidechat');
    app.inject({ status: 500 });
    app.clearFaults();
    expect((await post('regular', { message: 'hi' })).status).toBe(200);
  });
});
