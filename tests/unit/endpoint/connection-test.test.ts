import { describe, expect, it } from 'vitest';
import { TEST_MESSAGE, testConnection } from '@/utils/endpoint/connection-test';
import { DEFAULT_ENDPOINT } from '@/utils/settings';
import { bodyFromChunks, jsonResponse, sse, splitBytes } from '../fixtures/streams';

const settings = { ...DEFAULT_ENDPOINT, url: 'http://127.0.0.1:8787', projectId: 'demo', apiKey: 'k' };
const events = sse({ type: 'content', data: 'a ' }, { type: 'content', data: 'b ' }, { type: 'content', data: 'c' }, { type: 'done' });

/** A clock that advances 20 ms at every read of the body: each event in its own read looks paced. */
function pacedRun(body: ReadableStream<Uint8Array>) {
  let t = 0;
  const reader = body.getReader();
  const paced = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read();
      t += 20;
      if (done) controller.close();
      else controller.enqueue(value);
    },
  });
  let sentBody: unknown;
  const fetch = (async (_url: string, init: RequestInit) => {
    sentBody = JSON.parse(String(init.body));
    return new Response(paced, { headers: { 'Content-Type': 'text/event-stream' } });
  }) as unknown as typeof globalThis.fetch;
  return { fetch, now: () => t, sentBody: () => sentBody };
}

describe('testConnection', () => {
  it('reports a stream that arrives as it is written', async () => {
    const cuts = [...events.matchAll(/\n\n/g)].map((m) => m.index! + 2);
    const run = pacedRun(bodyFromChunks(splitBytes(events, cuts)));
    const report = await testConnection(settings, run);
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual(['Reachable: 200', 'Content type: text/event-stream', 'API key: accepted.', expect.stringMatching(/^First event after \d+ ms$/), 'Streaming: events arrive as they are written.']);
    expect(run.sentBody()).toEqual({ message: TEST_MESSAGE });
  });

  it('reports a buffered stream when everything comes in one read', async () => {
    const run = pacedRun(bodyFromChunks(splitBytes(events, [])));
    const report = await testConnection(settings, run);
    expect(report.findings.at(-1)).toContain('Streaming: buffered');
  });

  it('reports a refused key', async () => {
    const fetch = (async () => jsonResponse({ error: { message: 'no' } }, 401)) as unknown as typeof globalThis.fetch;
    const report = await testConnection(settings, { fetch });
    expect(report.ok).toBe(false);
    expect(report.findings).toContain('API key: refused.');
  });

  it('reports a server without a stream route', async () => {
    const fetch = (async () => jsonResponse({ content: 'hi' })) as unknown as typeof globalThis.fetch;
    const report = await testConnection({ ...settings, apiKey: '' }, { fetch });
    expect(report.findings).toContain('API key: none set, none needed.');
    expect(report.findings.at(-1)).toContain('regular mode');
  });

  it('says what to do when nothing answers', async () => {
    const fetch = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof globalThis.fetch;
    const report = await testConnection(settings, { fetch });
    expect(report).toEqual({ ok: false, findings: [expect.stringContaining('Could not reach 127.0.0.1:8787 — is the server running?')] });
  });
});
