import { describe, expect, it } from 'vitest';
import { contentText, readEvents, startServer } from './helpers';

describe('reference server: streaming route', () => {
  it('streams content events with ids, then done with session and usage', async () => {
    const { post } = await startServer();
    const response = await post('stream', { message: 'hello' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(response.headers.get('x-accel-buffering')).toBe('no');

    const events = await readEvents(response);
    const types = events.map(({ event }) => event.type);
    expect(types.at(-1)).toBe('done');
    expect(types.slice(0, -1).every((type) => type === 'content')).toBe(true);
    expect(events.map(({ id }) => id)).toEqual(events.map((_, i) => String(i + 1)));

    const first = events[0].event;
    const done = events.at(-1)!.event;
    if (first.type !== 'content' || done.type !== 'done') throw new Error('unexpected event types');
    expect(first.sessionId).toBeTruthy();
    expect(done.sessionId).toBe(first.sessionId);
    expect(done.usage).toEqual({ promptTokens: 1, completionTokens: events.length - 1, totalTokens: events.length, cost: Math.round(events.length * 2) / 1e6 });
    expect(contentText(events)).toMatch(/^Hello! 👋 .*demo responder of Sidechat — .*Bonne journée!$/);
  });

  it('"count to 20" is exactly the numbers, one per event', async () => {
    const { post } = await startServer();
    const events = await readEvents(await post('stream', { message: 'count to 20' }));
    expect(contentText(events)).toBe(Array.from({ length: 20 }, (_, i) => i + 1).join(' '));
    expect(events).toHaveLength(21);
  });

  it('compresses with gzip and still delivers each event as it is produced', async () => {
    const { post } = await startServer({ wps: 10 });
    const started = Date.now();
    const response = await post('stream', { message: 'count to 5' }, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(response.headers.get('vary')).toContain('Accept-Encoding');
    const events = await readEvents(response);
    expect(contentText(events)).toBe('1 2 3 4 5');
    // Five words at 10 per second take ~400 ms; a buffered reply would arrive all at the end.
    expect(events.at(-1)!.at - started).toBeGreaterThanOrEqual(350);
    expect(events[0].at - started).toBeLessThan(200);
  });

  it('sends plain text when the client does not accept gzip', async () => {
    const { post } = await startServer();
    const response = await post('stream', { message: 'count to 3' }, { headers: { 'Accept-Encoding': 'identity' } });
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(await response.text()).toMatch(/^retry: 1000\n\nid: 1\ndata: \{"type":"content","data":"1 ","sessionId":"[^"]+"\}\n\n/);
  });

  it('sends keep-alive comments during pauses', async () => {
    const { post } = await startServer({ wps: 4, keepAliveMs: 50 });
    const text = await (await post('stream', { message: 'count to 3' })).text();
    expect(text).toContain(': keep-alive\n\n');
  });

  it('notices a client that aborts mid-stream and stops', async () => {
    const { app, post } = await startServer({ wps: 20 });
    const controller = new AbortController();
    const response = await post('stream', { message: 'count to 1000' }, { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read();
    controller.abort();
    const record = await app.requests.waitFor((r) => r.closedByClient, 2000);
    expect(record).toMatchObject({ route: 'stream', projectId: 'demo', status: 200, body: { message: 'count to 1000' } });
  });
});
