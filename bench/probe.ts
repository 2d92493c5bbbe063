/**
 * The in-page half of the benchmark: it records, with the page's own clock, when the text on
 * screen changes and when each frame is laid out. Installed into the side panel and into the
 * baseline page alike, so both are measured the same way. The drivers serialise these
 * functions into the page: they are self-contained, with no named inner functions (a
 * transpiler would wrap those in a helper the page does not have).
 *
 * - A commit is a DOM change, seen by a MutationObserver right after it happens:
 *   [time, progress].
 * - A frame runs from this probe's requestAnimationFrame callback — the first of the frame,
 *   since it re-registers itself inside the previous frame, before anything the page
 *   registers between frames — to a ResizeObserver callback, which runs after style and
 *   layout, just before paint (a 1px box changes size every frame to make it fire):
 *   [start, laid out, progress]. Text committed before that callback is painted in that frame.
 * - Progress: in "marker" mode, the index of the last "w<base 36>" word on screen (the firehose
 *   responder's words); in "size" mode, how much is on screen, as the scroll height in pixels
 *   (read only after layout, in frames: commits record -2).
 */

export type ProgressMode = 'marker' | 'size';
export type Target = 'panel' | 'baseline';

export interface ProbeData {
  commits: number[];
  frames: number[];
  sends: number[];
  longFrames: LongFrame[];
}

/** A long animation frame (over 50 ms) as Chromium reports it, split where it spent its time. */
export interface LongFrame {
  start: number;
  duration: number;
  /** Before rendering: tasks, port messages, callbacks. */
  beforeRender: number;
  /** requestAnimationFrame callbacks and ResizeObserver work. */
  callbacks: number;
  /** Style and layout, through the end of the frame. */
  styleAndLayout: number;
}

interface ProbeState extends ProbeData {
  progress: () => number;
  commitProgress: () => number;
  settle?: () => void;
  settled: () => boolean;
}

/** Starts recording, or (called again) changes what progress means. */
export function installProbe({ target, mode }: { target: Target; mode: ProgressMode }): void {
  const w = window as unknown as { __probe?: ProbeState };
  // Methods, not inner functions: tsx would wrap a named inner function in a helper the page lacks.
  const reading = {
    holder(): Element | null {
      if (target === 'baseline') return document.getElementById('out');
      return document.querySelector('.conversation-content')?.lastElementChild?.querySelector('.text') ?? null;
    },
    progress(): number {
      if (mode === 'size') return (target === 'panel' ? document.querySelector('[role=log]')! : document.documentElement).scrollHeight;
      const element = reading.holder();
      if (!element) return -1;
      let node: Node | null = element;
      while (node && node.nodeType !== Node.TEXT_NODE) node = node.lastChild;
      const match = node ? /w([0-9a-z]+)\s*$/.exec((node as Text).data.slice(-24)) : null;
      return match ? parseInt(match[1], 36) : -1;
    },
    /** Outside a frame, reading a size would force a layout: only markers are read there. */
    commitProgress(): number {
      return mode === 'size' ? -2 : reading.progress();
    },
    settled(): boolean {
      if (target === 'baseline') return true;
      const state = document.querySelector('.conversation-content')?.lastElementChild?.getAttribute('data-state');
      return state === 'done' || state === 'error' || state === 'stopped';
    },
  };
  if (w.__probe) {
    Object.assign(w.__probe, { progress: reading.progress, commitProgress: reading.commitProgress, settled: reading.settled });
    return;
  }
  const probe: ProbeState = { commits: [], frames: [], sends: [], longFrames: [], ...reading };
  w.__probe = probe;

  new MutationObserver(() => {
    probe.commits.push(performance.now(), probe.commitProgress());
    if (probe.settle && probe.settled()) probe.settle();
  }).observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });

  const box = document.createElement('div');
  box.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0;pointer-events:none;contain:strict';
  document.body.appendChild(box);
  const frame = {
    start: 0,
    next() {
      frame.start = performance.now();
      box.style.width = box.style.width === '1px' ? '2px' : '1px';
      requestAnimationFrame(() => frame.next());
    },
  };
  new ResizeObserver(() => probe.frames.push(frame.start, performance.now(), probe.progress())).observe(box);
  requestAnimationFrame(() => frame.next());

  // Send, by keyboard in the panel: the moment the user asks.
  document.addEventListener('keydown', (event) => event.key === 'Enter' && probe.sends.push(performance.now()), { capture: true });
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) =>
      list.getEntries().forEach((entry) => {
        const frame = entry as PerformanceEntry & { renderStart: number; styleAndLayoutStart: number };
        const renderStart = frame.renderStart || frame.startTime + frame.duration;
        const styleStart = frame.styleAndLayoutStart || frame.startTime + frame.duration;
        probe.longFrames.push({
          start: frame.startTime,
          duration: frame.duration,
          beforeRender: renderStart - frame.startTime,
          callbacks: styleStart - renderStart,
          styleAndLayout: frame.startTime + frame.duration - styleStart,
        });
      }),
    ).observe({ type: 'long-animation-frame' });
  }
}

/** Returns what was recorded since the last call, and starts afresh. */
export function takeProbeData(): ProbeData {
  const probe = (window as unknown as { __probe: ProbeState }).__probe;
  const data = { commits: probe.commits, frames: probe.frames, sends: probe.sends, longFrames: probe.longFrames };
  Object.assign(probe, { commits: [], frames: [], sends: [], longFrames: [] });
  return data;
}

/** Resolves once the panel's last reply has ended (at once in the baseline). */
export function probeSettled(): Promise<void> {
  const probe = (window as unknown as { __probe: ProbeState }).__probe;
  return new Promise((resolve) => {
    if (probe.settled()) return resolve();
    probe.settle = () => {
      probe.settle = undefined;
      resolve();
    };
  });
}

/**
 * Resolves once ten frames in a row changed nothing on screen: a reply that has ended may still
 * be catching up (Sidechat paces rendering), and the next run must not start while it does.
 */
export function probeQuiet(): Promise<void> {
  const probe = (window as unknown as { __probe: ProbeState }).__probe;
  return new Promise((resolve) => {
    const watch = { seen: probe.commits.length, quietFrames: 0 };
    const check = {
      frame() {
        watch.quietFrames = probe.commits.length === watch.seen ? watch.quietFrames + 1 : 0;
        watch.seen = probe.commits.length;
        if (watch.quietFrames >= 10) resolve();
        else requestAnimationFrame(() => check.frame());
      },
    };
    requestAnimationFrame(() => check.frame());
  });
}

/** The page's clock as epoch milliseconds, to compare with the server's stamps. */
export function pageEpochNow(): number {
  return performance.timeOrigin + performance.now();
}
