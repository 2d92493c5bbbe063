/**
 * Feeds a growing text to a renderer in slices, within a time budget per frame. It is told how
 * the text changed (appended to, or replaced), never guesses it. When text
 * arrives faster than it can be laid out (a firehose, a long reply arriving at once), the
 * screen catches up over several frames instead of freezing for one long one. Text that fits
 * the budget — the usual stream — is shown at once.
 *
 * Far behind (a megabyte arriving in one piece), 1 KB slices at 4 ms a frame would take minutes:
 * there the slices double within a frame and the budget grows with the backlog, up to
 * MAX_BUDGET_MS, so a frame stays well under 100 ms and the backlog shrinks by megabytes a second.
 */
import type { TextChange } from '../contract/reply-reducer';

/** When the next frame starts; the panel passes requestAnimationFrame. */
export type FrameScheduler = (callback: () => void) => void;

export interface PacerOptions {
  /** Without it (unit tests), every update is rendered whole, at once. */
  nextFrame?: FrameScheduler;
  /** Rendering time per frame before the rest waits for the next frame. */
  budgetMs?: number;
  /** How much new text one render step takes on. */
  sliceChars?: number;
  now?: () => number;
  /**
   * The text was replaced, not appended to; `common` characters of what is shown are unchanged.
   * Returns how much of the text the renderer still shows (at most `common`); rendering goes on
   * from there. Without it, everything is rendered again.
   */
  rewind?: (common: number) => number;
}

/** A backlog of this many slices is "far behind". */
const FAR_BEHIND_SLICES = 32;
/**
 * The most slices one frame takes on however fast they render: the layout of what was added
 * comes after the budget, and a megabyte of text laid out at once blocks a frame for 300 ms.
 */
const MAX_SLICES_PER_FRAME = 64;
const MAX_BUDGET_MS = 40;

/**
 * `show` renders a prefix of the text; it may return a shorter length it has fallen back to
 * (it had to start over), and is then given the text from there.
 */
export function createRenderPacer(show: (text: string) => number | void, options: PacerOptions = {}) {
  const { nextFrame, budgetMs = 4, sliceChars = 1024, now = () => performance.now(), rewind = () => 0 } = options;
  let target = '';
  /** What the renderer shows: always a prefix of `target`. */
  let shown = '';
  /** A frame is asked for; only the latest request counts (a flush takes the earlier ones' work). */
  let frameRequest = 0;
  let scheduled = false;
  /** Everything now, whatever the budget: Stop shows all the text received at once. */
  let rushing = false;
  let whenCaughtUp: (() => void) | undefined;

  function nextEnd(from: number, size: number): number {
    if (!nextFrame || rushing) return target.length;
    let end = Math.min(target.length, from + size);
    // Never show half of a surrogate pair.
    if (end < target.length && /[\uD800-\uDBFF]/.test(target[end - 1])) end--;
    return end;
  }

  function schedule(): void {
    scheduled = true;
    const request = ++frameRequest;
    nextFrame!(() => {
      if (request === frameRequest) pump();
    });
  }

  function pump(): void {
    scheduled = false;
    const started = now();
    const backlog = target.length - shown.length;
    const farBehind = backlog > FAR_BEHIND_SLICES * sliceChars;
    const budget = farBehind ? Math.min(MAX_BUDGET_MS, budgetMs * (backlog / (FAR_BEHIND_SLICES * sliceChars))) : budgetMs;
    let size = sliceChars;
    const frameEnd = shown.length + MAX_SLICES_PER_FRAME * sliceChars;
    do {
      const stepStarted = now();
      const next = target.slice(0, nextEnd(shown.length, Math.min(size, Math.max(sliceChars, frameEnd - shown.length))));
      const at = show(next);
      shown = typeof at === 'number' && at < next.length ? next.slice(0, at) : next;
      if (farBehind) {
        // Twice as much, unless that would not fit what is left of the budget at this step's pace.
        const spent = now() - stepStarted;
        const fits = spent > 0 ? (size * (budget - (now() - started))) / spent : Infinity;
        size = Math.max(sliceChars, Math.min(size * 2, Math.floor(fits)));
      }
    } while (shown.length < target.length && (!nextFrame || rushing || (now() - started < budget && shown.length < frameEnd)));
    if (shown.length < target.length) schedule();
    else if (whenCaughtUp) {
      const callback = whenCaughtUp;
      whenCaughtUp = undefined;
      callback();
    }
  }

  return {
    /** The text changed as `change` says: appended to (rendering goes on), or replaced. */
    update(change: TextChange): void {
      if (change.kind === 'append') target += change.delta;
      else {
        // Replaced (Retry, or a snapshot after a reconnect): keep what is shown and unchanged.
        const common = commonPrefixLength(change.text, shown);
        shown = common < shown.length ? shown.slice(0, Math.min(common, rewind(common))) : shown;
        target = change.text;
      }
      if (!scheduled) pump();
    },
    /** Calls back once everything given so far is on screen. */
    whenCaughtUp(callback: () => void): void {
      // Already caught up: showing the same text again would only lex the tail again.
      if (!scheduled && shown.length === target.length) return callback();
      whenCaughtUp = callback;
      if (!scheduled) pump();
    },
    /** Shows everything given so far now, in one go, whatever the budget. */
    flush(): void {
      if (!scheduled && shown.length === target.length) return;
      frameRequest++;
      rushing = true;
      try {
        pump();
      } finally {
        rushing = false;
      }
    },
  };
}

/** How many characters `a` and `b` share from the start. */
function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let at = 0;
  for (const step of [65536, 4096, 256, 16, 1]) {
    while (at + step <= limit && a.startsWith(b.slice(at, at + step), at)) at += step;
  }
  return at;
}
