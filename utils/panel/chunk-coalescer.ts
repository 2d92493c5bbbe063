/**
 * Joins reply chunks that arrive faster than the screen repaints, so the panel renders a reply
 * at most about once per frame however many chunks arrive. A chunk that arrives while nothing
 * was rendered since the last frame is applied at once: a slow stream pays no frame of delay.
 */
import type { FrameScheduler } from '../markdown/render-pacer';

/** Without `nextFrame` (unit tests, no screen), every chunk is applied at once. */
export function createChunkCoalescer(apply: (replyId: string, text: string) => void, nextFrame?: FrameScheduler) {
  const pending = new Map<string, string>();
  /** Something was applied since the last frame started; more chunks wait for the next one. */
  let renderedThisFrame = false;

  function flush(): void {
    for (const [replyId, text] of pending) {
      pending.delete(replyId);
      apply(replyId, text);
    }
  }

  function onFrame(): void {
    if (pending.size === 0) {
      renderedThisFrame = false;
      return;
    }
    flush();
    nextFrame!(onFrame);
  }

  return {
    add(replyId: string, delta: string): void {
      pending.set(replyId, (pending.get(replyId) ?? '') + delta);
      if (!nextFrame) return flush();
      if (renderedThisFrame) return;
      renderedThisFrame = true;
      flush();
      nextFrame(onFrame);
    },
    /** Applies what is waiting now: before a reply ends, so its last chunks come first. */
    flush,
  };
}
