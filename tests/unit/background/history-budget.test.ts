import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { exchangesWithin } from '@/utils/background/history-budget';
import type { MessageSnapshot } from '@/utils/contract/port-messages';
import { DEFAULT_SETTINGS, type Settings } from '@/utils/settings';
import { openPanelSession } from '../fixtures/panel-session';
import { sse, streamResponse } from '../fixtures/streams';

let seq = 0;
const user = (text: string): MessageSnapshot => ({ id: `m${++seq}`, seq, author: 'user', text, state: 'done' });
const reply = (text: string, state: MessageSnapshot['state'] = 'done', reasoning?: string): MessageSnapshot => ({ id: `m${++seq}`, seq, author: 'assistant', text, state, ...(reasoning && { reasoning }) });

describe('exchangesWithin', () => {
  it('keeps the most recent complete exchanges that fit, oldest dropped first', () => {
    const earlier = [user('a'.repeat(400)), reply('b'.repeat(400)), user('c'.repeat(40)), reply('d'.repeat(40)), user('e'.repeat(40)), reply('f'.repeat(40))];
    // 100 tokens: the question's 10 first, then two exchanges of 20 each; the first (200) does not fit.
    expect(exchangesWithin(earlier, 100, ['q'.repeat(40)]).map((e) => e.question[0])).toEqual(['c', 'e']);
    expect(exchangesWithin(earlier, 1000, [''])).toHaveLength(3);
    expect(exchangesWithin(earlier, 10, ['q'.repeat(40)])).toEqual([]);
  });

  it('leaves out stopped and failed exchanges, the unanswered question, and reasoning', () => {
    const earlier = [user('one'), reply('partial', 'stopped'), user('two'), reply('', 'error'), user('three'), reply('3', 'done', 'long thinking'), user('asked now')];
    expect(exchangesWithin(earlier, 8000, [])).toEqual([{ question: 'three', answer: '3' }]);
  });
});

describe('the conversation sent to an OpenAI-compatible server', () => {
  beforeEach(() => fakeBrowser.reset());

  const settings: Settings = { ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_SETTINGS.endpoint, type: 'openai', url: 'http://127.0.0.1:11434/v1', model: 'm' } };
  const answer = (text: string) => streamResponse(sse({ choices: [{ delta: { content: text } }] }, '[DONE]'));

  function session() {
    let n = 0;
    const s = openPanelSession({ loadSettings: async () => settings, fetch: async () => answer(`A${++n}`) });
    const turns = () => s.bodies().map((body) => body.messages.map((m: { content: string }) => m.content));
    const settled = (replyId: string) => s.waitFor((m) => (m.type === 'done' || m.type === 'error') && m.replyId === replyId);
    return { ...s, turns, settled };
  }

  it('carries the earlier exchanges into the next question', async () => {
    const s = session();
    s.ask('r1', 'Q1');
    await s.settled('r1');
    s.ask('r2', 'Q2');
    await s.settled('r2');
    expect(s.turns()).toEqual([['Q1'], ['Q1', 'A1', 'Q2']]);
  });

  it('Retry and Regenerate of a reply send the history as it was up to that reply', async () => {
    const s = session();
    for (const [id, q] of [['r1', 'Q1'], ['r2', 'Q2']]) {
      s.ask(id, q);
      await s.settled(id);
    }
    await s.hub.settled();
    s.receive({ type: 'retry', replyId: 'r1', text: 'Q1' });
    await s.waitFor((m) => m.type === 'done' && m.replyId === 'r1' && s.bodies().length === 3);
    await s.hub.settled();
    s.receive({ type: 'retry', replyId: 'r2', text: 'Q2' });
    await s.waitFor(() => s.bodies().length === 4);
    await s.hub.settled();
    expect(s.turns().slice(2)).toEqual([['Q1'], ['Q1', 'A3', 'Q2']]);
  });

  it('Edit sends the history up to the edited question', async () => {
    const s = session();
    for (const [id, q] of [['r1', 'Q1'], ['r2', 'Q2']]) {
      s.ask(id, q);
      await s.settled(id);
    }
    await s.hub.settled();
    const [conversation] = await s.store.listConversations();
    s.receive({ type: 'forget-from', conversationId: conversation.id, messageId: 'q2' });
    s.ask('r3', 'Q2 edited');
    await s.settled('r3');
    expect(s.turns().at(-1)).toEqual(['Q1', 'A1', 'Q2 edited']);
  });
});
