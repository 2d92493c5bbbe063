/**
 * Feeds a growing text to a renderer in slices, within a time budget per frame. When text
 * arrives faster than it can be laid out (a firehose, a long reply arriving at once), the
 * screen catches up over several frames instead of freezing for one long one. Text that fits
 * the budget — the usual stream — is shown at once.
 */
import type { FrameScheduler } from './chunk-coalescer';

export interface PacerOptions {
  /** Without it (unit tests), every update is rendered whole, at once. */
  nextFrame?: FrameScheduler;
  /** Rendering time per frame before the rest waits for the next frame. */
  budgetMs?: number;
  /** How much new text one render step takes on. */
  sliceChars?: number;
  now?: () => number;
}

export function createRenderPacer(show: (text: string) => void, options: PacerOptions = {}) {
  const { nextFrame, budgetMs = 4, sliceChars = 1024, now = () => performance.now() } = options;
  let target = '';
  let shown = '';
  let scheduled = false;
  let whenCaughtUp: (() => void) | undefined;

  function nextEnd(from: number): number {
    if (!nextFrame) return target.length;
    let end = Math.min(target.length, from + sliceChars);
    // Never show half of a surrogate pair.
    if (end < target.length && /[\uD800-\uDBFF]/.test(target[end - 1])) end--;
    return end;
  }

  function pump(): void {
    scheduled = false;
    const started = now();
    do {
      // Text that no longer starts with what is shown was replaced (Retry): start over.
      shown = target.slice(0, nextEnd(target.startsWith(shown) ? shown.length : 0));
      show(shown);
    } while (shown.length < target.length && now() - started < budgetMs);
    if (shown.length < target.length) {
      scheduled = true;
      nextFrame!(pump);
    } else if (whenCaughtUp) {
      const callback = whenCaughtUp;
      whenCaughtUp = undefined;
      callback();
    }
  }

  return {
    update(text: string): void {
      target = text;
      if (!scheduled) pump();
    },
    /** Calls back once everything given so far is on screen. */
    whenCaughtUp(callback: () => void): void {
      whenCaughtUp = callback;
      if (!scheduled) pump();
    },
  };
}
