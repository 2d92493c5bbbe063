import { describe, expect, it } from 'vitest';
import { applyReplyEvent, restartedReply, savedPart, type ReplyEvent, type ReplyFields } from '@/utils/contract/reply-reducer';
import type { MessageView } from '@/utils/contract/port-messages';
import { createChatModel } from '@/utils/panel/conversation-model';

const pending: ReplyFields = { text: '', state: 'pending' };

function reduce(events: ReplyEvent[], from: ReplyFields = pending) {
  let reply = from;
  const changes = events.map((event) => {
    const applied = applyReplyEvent(reply, event);
    reply = applied.reply;
    return applied.text;
  });
  return { reply, changes };
}

const call = { id: 'c1', name: 'read_page', status: 'running', label: 'Reading this page…' } as const;

describe('the reply reducer', () => {
  it('appends chunks and says so; the end settles the reply', () => {
    const { reply, changes } = reduce([
      { type: 'chunk', replyId: 'r', delta: 'Hel' },
      { type: 'chunk', replyId: 'r', delta: 'lo' },
      { type: 'done', replyId: 'r', usage: { cost: 0.1 }, notice: 'Some events were skipped.' },
    ]);
    expect(reply).toMatchObject({ text: 'Hello', state: 'done', usage: { cost: 0.1 }, notice: 'Some events were skipped.' });
    expect(changes).toEqual([{ kind: 'append', delta: 'Hel' }, { kind: 'append', delta: 'lo' }, undefined]);
  });

  it("keeps a reasoning model's thinking apart from the text, and a restart clears it", () => {
    const { reply, changes } = reduce([
      { type: 'reasoning', replyId: 'r', delta: 'Let me ' },
      { type: 'reasoning', replyId: 'r', delta: 'think.' },
      { type: 'chunk', replyId: 'r', delta: 'Answer' },
    ]);
    expect(reply).toMatchObject({ text: 'Answer', reasoning: 'Let me think.', state: 'streaming' });
    expect(changes).toEqual([undefined, undefined, { kind: 'append', delta: 'Answer' }]);
    expect(restartedReply({ ...reply, state: 'done' }).reply.reasoning).toBeUndefined();
  });

  it('takes no event once the reply has ended: Stop is shown at once, what was in flight is dropped', () => {
    const { reply, changes } = reduce([
      { type: 'chunk', replyId: 'r', delta: 'part' },
      { type: 'stopped', replyId: 'r' },
      { type: 'chunk', replyId: 'r', delta: 'late' },
      { type: 'done', replyId: 'r' },
    ]);
    expect(reply).toMatchObject({ text: 'part', state: 'stopped' });
    expect(changes.slice(2)).toEqual([undefined, undefined]);
  });

  it('is reconnecting from the drop until text flows again, or the reply ends', () => {
    const dropped: ReplyEvent = { type: 'reconnecting', replyId: 'r', attempt: 2, attempts: 5, delayMs: 800 };
    expect(reduce([dropped]).reply.reconnecting).toEqual({ attempt: 2, attempts: 5 });
    expect(reduce([dropped, { type: 'reconnected', replyId: 'r' }]).reply.reconnecting).toBeUndefined();
    expect(reduce([dropped, { type: 'chunk', replyId: 'r', delta: 'x' }]).reply.reconnecting).toBeUndefined();
    expect(reduce([dropped, { type: 'error', replyId: 'r', message: 'gone' }]).reply).toMatchObject({ state: 'error', error: 'gone', reconnecting: undefined });
  });

  it('replaces a call by its id and keeps the order; a fallback leaves a notice', () => {
    const { reply } = reduce([
      { type: 'call', replyId: 'r', call },
      { type: 'call', replyId: 'r', call: { ...call, id: 'c2' } },
      { type: 'call', replyId: 'r', call: { ...call, status: 'done', label: 'Read “Page”' } },
      { type: 'fallback', replyId: 'r', message: 'Streaming is not available.' },
    ]);
    expect(reply.calls?.map((c) => [c.id, c.status])).toEqual([['c1', 'done'], ['c2', 'running']]);
    expect(reply.notice).toBe('Streaming is not available.');
  });

  it('a reply asked again is empty and pending, its text replaced', () => {
    const ended = reduce([{ type: 'chunk', replyId: 'r', delta: 'old' }, { type: 'error', replyId: 'r', message: 'no' }]).reply;
    expect(restartedReply(ended)).toEqual({ reply: { text: '', state: 'pending', usage: undefined, error: undefined, notice: undefined, calls: [], reconnecting: undefined }, text: { kind: 'replace', text: '' } });
  });

  it('saves everything but whether the reply is reconnecting', () => {
    const record: MessageView = { id: 'r', seq: 1, author: 'assistant', text: 'so far', state: 'streaming', reconnecting: { attempt: 1, attempts: 5 } };
    expect(savedPart(record)).toEqual({ id: 'r', seq: 1, author: 'assistant', text: 'so far', state: 'streaming' });
  });

  it('the background’s record and the panel’s view agree after the same events', () => {
    const events: ReplyEvent[] = [
      { type: 'call', replyId: 'id2', call },
      { type: 'reconnecting', replyId: 'id2', attempt: 1, attempts: 3, delayMs: 10 },
      { type: 'fallback', replyId: 'id2', message: 'Regular mode.' },
      { type: 'chunk', replyId: 'id2', delta: 'one ' },
      { type: 'reconnecting', replyId: 'id2', attempt: 1, attempts: 5, delayMs: 10 },
      { type: 'reconnected', replyId: 'id2' },
      { type: 'chunk', replyId: 'id2', delta: 'two' },
      { type: 'done', replyId: 'id2', usage: { promptTokens: 3 } },
    ];
    const model = createChatModel({ post: () => {} }, { historyLimit: 200, newId: (() => { let n = 0; return () => `id${++n}`; })() });
    model.send('count');
    const panel = model.messages.value[1];
    for (let i = 0; i < events.length; i++) {
      model.receive(events[i]);
      const record = reduce(events.slice(0, i + 1)).reply;
      const view = { text: panel.text.value, state: panel.state.value, usage: panel.usage.value, notice: panel.notice.value, calls: panel.calls.value, reconnecting: panel.reconnecting.value };
      expect(view, `after ${events[i].type}`).toEqual({ ...record, calls: record.calls ?? [] });
    }
  });
});
