import { describe, expect, it } from 'vitest';
import { batchChunks } from '@/utils/background/chunk-batcher';
import type { BackgroundMessage } from '@/utils/contract/port-messages';

function setup() {
  const sent: BackgroundMessage[] = [];
  let tasks: Array<() => void> = [];
  const relay = batchChunks((message) => sent.push(message), (callback) => void tasks.push(callback));
  const nextTask = () => {
    const due = tasks;
    tasks = [];
    due.forEach((callback) => callback());
  };
  return { relay, sent, nextTask };
}

describe('chunk batcher', () => {
  it('joins a burst of thinking as it joins text, each kind apart and in order', () => {
    const { relay, sent, nextTask } = setup();
    relay({ type: 'reasoning', replyId: 'r', delta: 'hm' });
    relay({ type: 'reasoning', replyId: 'r', delta: 'm.' });
    relay({ type: 'chunk', replyId: 'r', delta: 'A' });
    relay({ type: 'chunk', replyId: 'r', delta: 'B' });
    nextTask();
    expect(sent).toEqual([
      { type: 'reasoning', replyId: 'r', delta: 'hmm.' },
      { type: 'chunk', replyId: 'r', delta: 'AB' },
    ]);
  });

  it('sends the chunks of one burst as one message, at the next task', () => {
    const { relay, sent, nextTask } = setup();
    relay({ type: 'chunk', replyId: 'r', delta: 'a' });
    relay({ type: 'chunk', replyId: 'r', delta: 'b' });
    relay({ type: 'chunk', replyId: 'r', delta: 'c' });
    expect(sent).toEqual([]);
    nextTask();
    expect(sent).toEqual([{ type: 'chunk', replyId: 'r', delta: 'abc' }]);
    relay({ type: 'chunk', replyId: 'r', delta: 'd' });
    nextTask();
    expect(sent.at(-1)).toEqual({ type: 'chunk', replyId: 'r', delta: 'd' });
  });

  it('sends what waits before anything else, so the reply text comes first', () => {
    const { relay, sent, nextTask } = setup();
    relay({ type: 'chunk', replyId: 'r', delta: 'last words' });
    relay({ type: 'done', replyId: 'r' });
    expect(sent).toEqual([
      { type: 'chunk', replyId: 'r', delta: 'last words' },
      { type: 'done', replyId: 'r' },
    ]);
    nextTask();
    expect(sent).toHaveLength(2);
  });

  it('never joins chunks of different replies', () => {
    const { relay, sent, nextTask } = setup();
    relay({ type: 'chunk', replyId: 'r1', delta: 'a' });
    relay({ type: 'chunk', replyId: 'r2', delta: 'b' });
    nextTask();
    expect(sent).toEqual([
      { type: 'chunk', replyId: 'r1', delta: 'a' },
      { type: 'chunk', replyId: 'r2', delta: 'b' },
    ]);
  });
});
