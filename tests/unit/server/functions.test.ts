import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { keySentences } from '../../../server/responders/key-sentences';
import { FUNCTION_DECLARATIONS } from '../../../utils/contract/page-functions';
import type { PageContextResult } from '../../../utils/contract/function-results';
import { ErrorBodySchema, RegularReplySchema, type StreamEvent } from '../../../utils/contract/sidechat-wire';
import { contentText, readEvents, startServer } from './helpers';

const functions = FUNCTION_DECLARATIONS;

const ARTICLE =
  'Lighthouse keepers lived on Skellig Rock for over a century. The keepers trimmed the lamp wicks every four hours through the night. ' +
  'Supplies came by boat from Portmagee when the sea allowed. Storms could cut the rock off for weeks, and the keepers rationed the lamp oil. ' +
  'It was cold. The light was automated in 1987 and the last keepers left the rock.';

const page: PageContextResult = { url: 'http://127.0.0.1/skellig', title: 'Keepers of Skellig Rock', lang: 'en', description: '', selection: '', text: ARTICLE, truncated: false };

function callOf(events: Array<{ event: unknown }>) {
  const call = events.map(({ event }) => event as StreamEvent).find((event) => event.type === 'function_call');
  if (!call || call.type !== 'function_call') throw new Error('no function_call event');
  return call;
}

describe('demo responder: questions about the page', () => {
  it('asks for get_page_context, then streams a summary in the page’s own words into the same turn', async () => {
    const { post } = await startServer();
    const first = await readEvents(await post('stream', { message: 'Summarize this page', functions }));
    const call = callOf(first);
    expect(call).toMatchObject({ name: 'get_page_context', arguments: {} });
    expect(first.map(({ event }) => event.type)).toEqual(['function_call', 'done']);
    const sessionId = call.sessionId!;

    const second = await readEvents(await post('stream', { sessionId, functionResults: [{ id: call.id, name: call.name, result: page }] }));
    const text = contentText(second);
    expect(text).toContain('“Keepers of Skellig Rock” — 63 words.');
    expect(text).toContain('- The keepers trimmed the lamp wicks every four hours through the night.');
    expect(text).not.toContain('It was cold.');
    expect(second.at(-1)!.event).toMatchObject({ type: 'done', sessionId });

    // The turn is one turn: the next message is turn 2.
    const third = await readEvents(await post('stream', { message: 'thanks', sessionId }));
    expect(contentText(third)).toContain('turn 2 of this session');
  });

  it('asks find_in_page with the words to find, and lists the passages', async () => {
    const { post } = await startServer();
    const first = v.parse(RegularReplySchema, await (await post('regular', { message: 'find "lamp oil" on this page', functions })).json());
    expect(first.functionCalls).toEqual([{ id: expect.stringMatching(/^call_/), name: 'find_in_page', arguments: { query: 'lamp oil' } }]);
    const [call] = first.functionCalls;
    const result = { query: 'lamp oil', total: 1, passages: ['…the keepers rationed the lamp oil. It was cold…'] };
    const second = v.parse(RegularReplySchema, await (await post('regular', { sessionId: first.sessionId, functionResults: [{ id: call.id, name: call.name, result }] })).json());
    expect(second.content).toBe('“lamp oil” appears once on the page:\n\n1. …the keepers rationed the lamp oil. It was cold…');
    expect(second.functionCalls).toEqual([]);
  });

  it('says so when the user declined, or the page could not be read', async () => {
    const { post } = await startServer();
    const ask = async () => v.parse(RegularReplySchema, await (await post('regular', { message: 'what is this page about?', functions })).json());
    const declined = await ask();
    const [call] = declined.functionCalls;
    const answer = await (await post('regular', { sessionId: declined.sessionId, functionResults: [{ id: call.id, name: call.name, error: 'The user declined to share the page.' }] })).json();
    expect(answer.content).toMatch(/^You declined to share the page/);

    const failed = await ask();
    const failure = await (await post('regular', { sessionId: failed.sessionId, functionResults: [{ id: failed.functionCalls[0].id, name: 'get_page_context', error: 'Browsers do not let extensions read the Chrome Web Store.' }] })).json();
    expect(failure.content).toBe('I could not read the page: Browsers do not let extensions read the Chrome Web Store.');
  });

  it('calls no function when the request declares none, so older clients get the old answers', async () => {
    const { post } = await startServer();
    const reply = v.parse(RegularReplySchema, await (await post('regular', { message: 'summarize this page' })).json());
    expect(reply.functionCalls).toEqual([]);
    expect(reply.content).toContain('You said: “summarize this page”');
  });

  it('acknowledges a shared page', async () => {
    const { post } = await startServer();
    const context = { url: 'http://127.0.0.1/a', title: 'A page', selection: 'some words' };
    const reply = v.parse(RegularReplySchema, await (await post('regular', { message: 'hi there', context })).json());
    expect(reply.content).toMatch(/^You shared “A page” \(http:\/\/127\.0\.0\.1\/a\) with the selection “some words”\. Hello!/);
  });

  it('refuses results nobody waits for, and requests with both or neither of message and functionResults', async () => {
    const { post } = await startServer();
    const stray = await post('regular', { sessionId: 'gone', functionResults: [{ id: 'c1', name: 'get_page_context', result: {} }] });
    expect(stray.status).toBe(400);
    expect(v.parse(ErrorBodySchema, await stray.json()).error.message).toMatch(/No function call of this session is waiting/);

    const asked = v.parse(RegularReplySchema, await (await post('regular', { message: 'summarize this page', functions })).json());
    const wrongId = await post('regular', { sessionId: asked.sessionId, functionResults: [{ id: 'other', name: 'get_page_context', result: {} }] });
    expect(v.parse(ErrorBodySchema, await wrongId.json()).error.message).toBe('functionResults: no call other is waiting');

    for (const body of [{}, { message: 'x', functionResults: [{ id: 'c', name: 'n', result: 1 }] }]) {
      const response = await post('regular', body);
      expect(response.status).toBe(400);
      expect(v.parse(ErrorBodySchema, await response.json()).error.message).toContain('either message or functionResults');
    }
  });
});

describe('keySentences', () => {
  it('picks the sentences richest in the text’s recurring words, in page order, skipping very short ones', () => {
    expect(keySentences(ARTICLE, 2)).toEqual([
      'Lighthouse keepers lived on Skellig Rock for over a century.',
      'Storms could cut the rock off for weeks, and the keepers rationed the lamp oil.',
    ]);
    expect(keySentences('Too short. Tiny.')).toEqual([]);
  });
});
