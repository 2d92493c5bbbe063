import { describe, expect, it } from 'vitest';
import { createChatModel } from '@/utils/panel/conversation-model';
import { createChunkCoalescer } from '@/utils/panel/chunk-coalescer';

/** Frames that start only when the test says so. */
function manualFrames() {
  let waiting: Array<() => void> = [];
  return {
    nextFrame: (callback: () => void) => void waiting.push(callback),
    frame() {
      const due = waiting;
      waiting = [];
      due.forEach((callback) => callback());
    },
    get requested() {
      return waiting.length;
    },
  };
}

describe('chunk coalescer', () => {
  it('applies a lone chunk at once, and joins the ones that follow within the frame', () => {
    const frames = manualFrames();
    const applied: string[] = [];
    const chunks = createChunkCoalescer((_id, text) => applied.push(text), frames.nextFrame);
    chunks.add('r', 'a');
    expect(applied).toEqual(['a']);
    chunks.add('r', 'b');
    chunks.add('r', 'c');
    expect(applied).toEqual(['a']);
    frames.frame();
    expect(applied).toEqual(['a', 'bc']);
  });

  it('renders a firehose once per frame, and a quiet frame makes the next chunk immediate again', () => {
    const frames = manualFrames();
    const applied: string[] = [];
    const chunks = createChunkCoalescer((_id, text) => applied.push(text), frames.nextFrame);
    for (let frame = 0; frame < 3; frame++) {
      for (let i = 0; i < 100; i++) chunks.add('r', 'x');
      frames.frame();
    }
    expect(applied.map((text) => text.length)).toEqual([1, 99, 100, 100]);
    frames.frame();
    expect(frames.requested).toBe(0);
    chunks.add('r', 'y');
    expect(applied.at(-1)).toBe('y');
  });

  it('flushes on demand, so nothing waits behind the end of a reply', () => {
    const frames = manualFrames();
    const applied: string[] = [];
    const chunks = createChunkCoalescer((id, text) => applied.push(`${id}:${text}`), frames.nextFrame);
    chunks.add('r1', 'a');
    chunks.add('r1', 'b');
    chunks.add('r2', 'c');
    chunks.flush();
    expect(applied).toEqual(['r1:a', 'r1:b', 'r2:c']);
  });

  it('without frames applies every chunk at once', () => {
    const applied: string[] = [];
    const chunks = createChunkCoalescer((_id, text) => applied.push(text));
    chunks.add('r', 'a');
    chunks.add('r', 'b');
    expect(applied).toEqual(['a', 'b']);
  });
});

describe('chat model with frames', () => {
  function setup() {
    const frames = manualFrames();
    let n = 0;
    const model = createChatModel({ post: () => {} }, { historyLimit: 200, newId: () => `id${++n}`, nextFrame: frames.nextFrame });
    model.send('hi');
    const reply = model.messages.value[1];
    return { model, frames, reply };
  }

  it('shows chunks that arrive within one frame together, at the next frame', () => {
    const { model, frames, reply } = setup();
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'One' });
    model.receive({ type: 'chunk', replyId: 'id2', delta: ' two' });
    model.receive({ type: 'chunk', replyId: 'id2', delta: ' three' });
    expect([reply.text.value, reply.state.value]).toEqual(['One', 'streaming']);
    frames.frame();
    expect(reply.text.value).toBe('One two three');
  });

  it('puts waiting chunks on screen before the reply ends, stops or fails', () => {
    for (const end of [{ type: 'done' }, { type: 'error', message: 'cut off' }, { type: 'stopped' }] as const) {
      const { model, reply } = setup();
      model.receive({ type: 'chunk', replyId: 'id2', delta: 'a' });
      model.receive({ type: 'chunk', replyId: 'id2', delta: 'b' });
      model.receive({ replyId: 'id2', ...end });
      expect([reply.text.value, reply.state.value]).toEqual(['ab', end.type]);
    }
  });

  it('keeps chunks that arrived before Stop was pressed', () => {
    const { model, reply } = setup();
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'a' });
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'b' });
    model.stop();
    model.receive({ type: 'chunk', replyId: 'id2', delta: 'late' });
    expect([reply.text.value, reply.state.value]).toEqual(['ab', 'stopped']);
  });
});
