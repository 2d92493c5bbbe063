import { describe, expect, it } from 'vitest';
import { createChatModel } from '@/utils/chat-model';
import type { PanelMessage } from '@/utils/port-messages';

function setup(historyLimit = 200) {
  const posted: PanelMessage[] = [];
  let n = 0;
  const model = createChatModel({ post: (m) => posted.push(m) }, { historyLimit, newId: () => `id${++n}` });
  const view = () => model.messages.value.map((m) => ({ author: m.author, text: m.text.value, state: m.state.value }));
  return { model, posted, view };
}

describe('chat model', () => {
  it('sends a trimmed message and shows it with a pending reply', () => {
    const { model, posted, view } = setup();
    expect(model.send('  hello \n')).toBe(true);
    expect(view()).toEqual([
      { author: 'user', text: 'hello', state: 'done' },
      { author: 'assistant', text: '', state: 'pending' },
    ]);
    expect(posted).toEqual([{ type: 'send', replyId: 'id2', text: 'hello' }]);
  });

  it('ignores empty messages and a second send while a reply runs', () => {
    const { model, posted } = setup();
    expect(model.send('   ')).toBe(false);
    model.send('one');
    expect(model.send('two')).toBe(false);
    expect(posted).toHaveLength(1);
  });

  it('appends deltas while streaming and settles on done with usage', () => {
    const { model, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'Hel' });
    expect(view()[1]).toEqual({ author: 'assistant', text: 'Hel', state: 'streaming' });
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'lo' });
    model.receive({ type: 'done', replyId: 'id2', usage: { cost: 0.1 } });
    expect(view()[1]).toEqual({ author: 'assistant', text: 'Hello', state: 'done' });
    expect(model.messages.value[1].usage.value).toEqual({ cost: 0.1 });
    expect(model.activeReply.value).toBeUndefined();
  });

  it('stops at once, keeps the partial text and ignores late chunks', () => {
    const { model, posted, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'part' });
    model.stop();
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'late' });
    expect(view()[1]).toEqual({ author: 'assistant', text: 'part', state: 'stopped' });
    expect(posted.at(-1)).toEqual({ type: 'stop', replyId: 'id2' });
  });

  it('keeps the partial text on error, and Retry replaces that reply', () => {
    const { model, posted, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'part' });
    model.receive({ type: 'error', replyId: 'id2', message: 'Connection lost after 4 characters' });
    expect(view()[1]).toEqual({ author: 'assistant', text: 'part', state: 'error' });
    expect(model.messages.value[1].error.value).toBe('Connection lost after 4 characters');
    model.retry('id2');
    expect(view()).toHaveLength(2);
    expect(view()[1]).toEqual({ author: 'assistant', text: '', state: 'pending' });
    expect(posted.at(-1)).toEqual({ type: 'retry', replyId: 'id2', text: 'hi' });
  });

  it('marks the running reply as failed when the background goes away', () => {
    const { model, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'so far' });
    model.connectionLost();
    expect(view()[1]).toEqual({ author: 'assistant', text: 'so far', state: 'error' });
  });

  it('keeps only the most recent messages within the history limit', () => {
    const { model, view } = setup(4);
    for (const text of ['a', 'b', 'c']) {
      model.send(text);
      model.receive({ type: 'done', replyId: model.activeReply.value!.id });
    }
    expect(view().map((m) => m.author + ':' + (m.text || '…'))).toEqual(['user:b', 'assistant:…', 'user:c', 'assistant:…']);
    model.setHistoryLimit(2);
    expect(view()).toHaveLength(2);
  });

  it('asks for and keeps the endpoint status', () => {
    const { model, posted } = setup();
    model.checkEndpoint();
    expect(posted).toEqual([{ type: 'probe' }]);
    model.receive({ type: 'endpoint', reachable: false, message: 'Could not reach 127.0.0.1:8787' });
    expect(model.endpoint.value).toEqual({ reachable: false, message: 'Could not reach 127.0.0.1:8787' });
    model.send('hi');
    model.receive({ type: 'done', replyId: model.activeReply.value!.id });
    expect(model.endpoint.value).toEqual({ reachable: true });
  });

  it('takes the last exchange back for editing, but not while a reply runs', () => {
    const { model, view } = setup();
    model.send('first');
    model.receive({ type: 'done', replyId: 'id2' });
    model.send('second');
    expect(model.editLast()).toBeUndefined();
    model.receive({ type: 'done', replyId: 'id4' });
    expect(model.editLast()).toBe('second');
    expect(view().map((m) => m.text)).toEqual(['first', '']);
  });

  it('regenerates a finished reply in place', () => {
    const { model, posted, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'old answer' });
    model.receive({ type: 'done', replyId: 'id2', usage: { cost: 1 } });
    model.retry('id2');
    expect(view()[1]).toEqual({ author: 'assistant', text: '', state: 'pending' });
    expect(model.messages.value[1].usage.value).toBeUndefined();
    expect(posted.at(-1)).toEqual({ type: 'retry', replyId: 'id2', text: 'hi' });
  });

  it('starts a new chat: an empty panel and a new session, but not while a reply runs', () => {
    const { model, posted, view } = setup();
    model.send('hi');
    expect(model.newChat()).toBe(false);
    model.receive({ type: 'done', replyId: 'id2' });
    expect(model.newChat()).toBe(true);
    expect(view()).toEqual([]);
    expect(posted.at(-1)).toEqual({ type: 'new-chat' });
  });

  it('ignores events for replies it does not know', () => {
    const { model, view } = setup();
    model.receive({ type: 'chunk', replyId: 'nope', delta: 'x' });
    expect(view()).toEqual([]);
  });
});
