import { describe, expect, it } from 'vitest';
import { createChatModel } from '@/utils/panel/conversation-model';
import type { MessageSnapshot, PanelMessage } from '@/utils/contract/port-messages';

function snap(id: string, seq: number, author: 'user' | 'assistant', text: string, state: MessageSnapshot['state'] = 'done'): MessageSnapshot {
  return { id, seq, author, text, state };
}

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
    expect(posted).toEqual([{ type: 'send', messageId: 'id1', replyId: 'id2', text: 'hello' }]);
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

  it('keeps a running reply on screen while the port is re-opened, and fails it only when the extension is gone', () => {
    const { model, view } = setup();
    model.send('hi');
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'so far' });
    model.disconnected(false);
    expect(model.link.value).toBe('reconnecting');
    expect(view()[1]).toEqual({ author: 'assistant', text: 'so far', state: 'streaming' });
    model.disconnected(true);
    expect(model.link.value).toBe('lost');
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

  it('tells the background to forget the message taken back for editing', () => {
    const { model, posted } = setup();
    model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q1', 0, 'user', 'first'), snap('a1', 1, 'assistant', 'one')], hasOlder: false });
    expect(model.editLast()).toBe('first');
    expect(posted.at(-1)).toEqual({ type: 'forget-from', conversationId: 'c1', messageId: 'q1' });
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

  describe('the conversation from the background', () => {
    it('shows a snapshot, and on the next one keeps the messages it already shows', () => {
      const { model, view } = setup();
      model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q1', 0, 'user', 'hi'), snap('a1', 1, 'assistant', 'Hel', 'streaming')], hasOlder: true });
      const reply = model.messages.value[1];
      expect(view()).toEqual([
        { author: 'user', text: 'hi', state: 'done' },
        { author: 'assistant', text: 'Hel', state: 'streaming' },
      ]);
      expect(model.hasOlder.value).toBe(true);
      model.receive({ type: 'chunk', replyId: 'a1', delta: 'lo wor' });
      // The background restarted: its account (a prefix of what was shown) wins, then chunks go on from it.
      model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q1', 0, 'user', 'hi'), snap('a1', 1, 'assistant', 'Hello', 'streaming')], hasOlder: true });
      model.receive({ type: 'chunk', replyId: 'a1', delta: ' world' });
      expect(model.messages.value[1]).toBe(reply);
      expect(reply.text.value).toBe('Hello world');
    });

    it('sends again a question the background never received', () => {
      const { model, posted, view } = setup();
      model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q0', 0, 'user', 'before')], hasOlder: false });
      model.send('lost in transit');
      model.disconnected(false);
      expect(model.connected()).toEqual({ type: 'open', conversationId: 'c1' });
      model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q0', 0, 'user', 'before')], hasOlder: false });
      expect(view().map((m) => m.text)).toEqual(['before', 'lost in transit', '']);
      expect(posted.filter((m) => m.type === 'send')).toHaveLength(2);
      expect(posted.at(-1)).toEqual({ type: 'send', messageId: 'id1', replyId: 'id2', text: 'lost in transit' });
    });

    it('loads older messages above the first one, once at a time', () => {
      const { model, posted, view } = setup();
      model.receive({ type: 'conversation', conversationId: 'c1', messages: [snap('q5', 5, 'user', 'five')], hasOlder: true });
      model.loadOlder();
      model.loadOlder();
      expect(posted.filter((m) => m.type === 'older')).toEqual([{ type: 'older', conversationId: 'c1', beforeSeq: 5 }]);
      model.receive({ type: 'older', conversationId: 'c1', messages: [snap('q3', 3, 'user', 'three'), snap('a4', 4, 'assistant', 'four')], hasOlder: false });
      expect(view().map((m) => m.text)).toEqual(['three', 'four', 'five']);
      expect(model.hasOlder.value).toBe(false);
    });

    it('shows that a reply is reconnecting to the endpoint until text flows again', () => {
      const { model } = setup();
      model.send('hi');
      model.receive({ type: 'reconnecting', replyId: 'id2', attempt: 2, attempts: 5, delayMs: 800 });
      expect(model.activeReply.value!.reconnecting.value).toEqual({ attempt: 2, attempts: 5 });
      model.receive({ type: 'chunk', replyId: 'id2', delta: 'back' });
      expect(model.messages.value[1].reconnecting.value).toBeUndefined();
    });
  });
});
