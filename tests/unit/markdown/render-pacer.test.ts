import { describe, expect, it } from 'vitest';
import { createRenderPacer } from '@/utils/markdown/render-pacer';

function setup(costPerCharMs: number) {
  let clock = 0;
  let frames: Array<() => void> = [];
  const shown: string[] = [];
  const pacer = createRenderPacer(
    (text) => {
      clock += (text.length - (shown.at(-1)?.length ?? 0)) * costPerCharMs;
      shown.push(text);
    },
    { nextFrame: (callback) => void frames.push(callback), budgetMs: 6, sliceChars: 100, now: () => clock },
  );
  const frame = () => {
    const due = frames;
    frames = [];
    due.forEach((callback) => callback());
  };
  return { pacer, shown, frame, pendingFrames: () => frames.length };
}

describe('render pacer', () => {
  it('shows text that fits the budget at once', () => {
    const { pacer, shown, pendingFrames } = setup(0.01);
    pacer.update({ kind: 'append', delta: 'hello' });
    pacer.update({ kind: 'append', delta: ' world' });
    expect(shown).toEqual(['hello', 'hello world']);
    expect(pendingFrames()).toBe(0);
  });

  it('spreads a backlog over frames, a budget per frame, and catches up', () => {
    const { pacer, shown, frame } = setup(0.02); // 100 characters = 2 ms
    const text = 'x'.repeat(1000);
    pacer.update({ kind: 'append', delta: text });
    expect(shown.map((s) => s.length)).toEqual([100, 200, 300]);
    let caughtUp = false;
    pacer.whenCaughtUp(() => (caughtUp = true));
    frame();
    expect(shown.at(-1)).toHaveLength(600);
    expect(caughtUp).toBe(false);
    frame();
    frame();
    frame();
    expect(shown.at(-1)).toBe(text);
    expect(caughtUp).toBe(true);
  });

  it('takes on text that arrives while it catches up, and starts over when the text is replaced', () => {
    const { pacer, shown, frame } = setup(0.05);
    pacer.update({ kind: 'append', delta: 'a'.repeat(500) });
    pacer.update({ kind: 'append', delta: 'b' });
    pacer.update({ kind: 'replace', text: 'new' });
    frame();
    expect(shown.at(-1)).toBe('new');
  });

  it('never cuts a surrogate pair in half', () => {
    const { pacer, shown, frame } = setup(1);
    pacer.update({ kind: 'append', delta: `${'x'.repeat(99)}😀${'y'.repeat(50)}` });
    frame();
    frame();
    expect(shown.every((text) => !/[\uD800-\uDBFF]$/.test(text))).toBe(true);
  });
});
