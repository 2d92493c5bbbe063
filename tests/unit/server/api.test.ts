import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SessionStore } from '../../../server/sessions';
import { chatUrl, ErrorBodySchema, RegularReplySchema } from '../../../utils/contract/sidechat-wire';
import { readEvents, startServer } from './helpers';

async function errorOf(response: Response) {
  return v.parse(ErrorBodySchema, await response.json()).error;
}

describe('reference server: regular route, sessions, errors', () => {
  it('answers the regular route with content, session, usage and cost', async () => {
    const { post } = await startServer();
    const response = await post('regular', { message: 'count to 20' });
    expect(response.status).toBe(200);
    const reply = v.parse(RegularReplySchema, await response.json());
    expect(reply.content).toBe(Array.from({ length: 20 }, (_, i) => i + 1).join(' '));
    expect(reply.functionCalls).toEqual([]);
    expect(reply.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.usage).toEqual({ promptTokens: 3, completionTokens: 20, totalTokens: 23, cost: 0.000046 });
  });

  it('keeps a session across both routes and counts its turns', async () => {
    const { post } = await startServer();
    const first = v.parse(RegularReplySchema, await (await post('regular', { message: 'one' })).json());
    const events = await readEvents(await post('stream', { message: 'two', sessionId: first.sessionId }));
    const done = events.at(-1)!.event;
    expect(done).toMatchObject({ type: 'done', sessionId: first.sessionId });
    const third = v.parse(RegularReplySchema, await (await post('regular', { message: 'three', sessionId: first.sessionId })).json());
    expect(third.sessionId).toBe(first.sessionId);
    expect(third.content).toContain('“three”');
    expect(third.content).toContain('turn 3 of this session');
  });

  it('starts a new session for an unknown sessionId', async () => {
    const { post } = await startServer();
    const reply = v.parse(RegularReplySchema, await (await post('regular', { message: 'x', sessionId: 'made-up' })).json());
    expect(reply.sessionId).not.toBe('made-up');
    expect(reply.content).toContain('turn 1 of this session');
  });

  it('rejects malformed JSON and invalid bodies with 400 bad_request', async () => {
    const { post } = await startServer();
    const malformed = await post('stream', '{"message":');
    expect(malformed.status).toBe(400);
    expect(await errorOf(malformed)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('not valid JSON') });
    const invalid = await post('regular', { message: '' });
    expect(invalid.status).toBe(400);
    expect(await errorOf(invalid)).toMatchObject({ code: 'bad_request', message: expect.stringContaining('message') });
  });

  it('rejects bodies over 1 MB with 413', async () => {
    const { post } = await startServer();
    const response = await post('regular', { message: 'x'.repeat(1024 * 1024) });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('payload_too_large');
  });

  it('requires the API key when configured', async () => {
    const { post } = await startServer({ apiKey: 'secret' });
    for (const authorization of [undefined, 'Bearer wrong']) {
      const response = await post('stream', { message: 'hi' }, { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status).toBe(401);
      expect(await errorOf(response)).toEqual({ code: 'unauthorized', message: 'Missing or wrong API key' });
    }
    const ok = await post('regular', { message: 'hi' }, { headers: { Authorization: 'Bearer secret' } });
    expect(ok.status).toBe(200);
  });

  it('answers CORS preflights and puts CORS headers on every reply', async () => {
    const { url, post } = await startServer();
    const preflight = await fetch(chatUrl(url, 'demo', 'stream'), {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('chrome-extension://abc');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Content-Type, Authorization, Accept, Last-Event-ID');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST, GET, OPTIONS');
    expect(preflight.headers.get('access-control-max-age')).toBeTruthy();
    const error = await post('regular', 'nope');
    expect(error.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves / and /health, 404s unknown routes and accepts a path prefix and encoded project IDs', async () => {
    const { app, url } = await startServer();
    expect(await (await fetch(`${url}/health`)).json()).toEqual({ ok: true, name: 'sidechat-reference' });
    expect(await (await fetch(`${url}/`)).text()).toContain(`Endpoint URL to ${url}`);
    const missing = await fetch(`${url}/nope`);
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).code).toBe('not_found');
    const prefixed = await fetch(chatUrl(`${url}/proxy/sidechat/`, 'my project/1', 'regular'), {
      method: 'POST',
      body: JSON.stringify({ message: 'hi' }),
    });
    expect(prefixed.status).toBe(200);
    expect(app.requests.all.at(-1)).toMatchObject({ route: 'regular', projectId: 'my project/1', status: 200 });
  });
});

describe('SessionStore', () => {
  it('evicts the least recently used session and caps the turns kept', async () => {
    const store = new SessionStore(2, 3);
    const a = await store.resolve(undefined);
    const b = await store.resolve(undefined);
    await store.resolve(a.id); // a is now more recent than b
    await store.resolve(undefined);
    expect(await store.resolve(a.id)).toBe(a);
    expect(await store.resolve(b.id)).not.toBe(b);

    for (let i = 1; i <= 5; i++) store.addTurn(a, { message: `m${i}`, reply: `r${i}` });
    expect(a.turns.map((turn) => turn.message)).toEqual(['m3', 'm4', 'm5']);
    expect(a.turnCount).toBe(5);
  });
});
