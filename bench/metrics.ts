/** Figures from what the probe recorded in a page and what the server stamped. */
import type { FirehosePiece } from '../server/responders/firehose';
import type { MeasuredPage } from './browser';
import type { ProbeData } from './probe';

export interface Percentiles {
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Frame {
  start: number;
  laidOut: number;
  progress: number;
}

export function framesOf(data: ProbeData): Frame[] {
  const frames: Frame[] = [];
  for (let i = 0; i < data.frames.length; i += 3) frames.push({ start: data.frames[i], laidOut: data.frames[i + 1], progress: data.frames[i + 2] });
  return frames;
}

/**
 * When each piece was first in the DOM and when it was first laid out for paint, in page time
 * (ms). Needs "marker" progress: piece i is on screen once the last word shown is w(i) or later.
 */
export function pieceTimes(data: ProbeData, count: number): Array<{ committed: number; painted: number }> {
  const frames = framesOf(data);
  const times: Array<{ committed: number; painted: number }> = [];
  let commit = 0;
  let frame = 0;
  for (let i = 0; i < count; i++) {
    while (commit < data.commits.length && data.commits[commit + 1] < i) commit += 2;
    if (commit >= data.commits.length) throw new Error(`piece ${i} never reached the screen (last seen: ${data.commits.at(-1)})`);
    const committed = data.commits[commit];
    while (frame < frames.length && frames[frame].laidOut < committed) frame++;
    if (frame >= frames.length) throw new Error(`no frame was laid out after piece ${i} was committed`);
    times.push({ committed, painted: frames[frame].laidOut });
  }
  return times;
}

/** A page's `performance.now()` time as epoch ms on this process's (the server's) clock. */
export function onServerClock(page: MeasuredPage, pageTime: number): number {
  return page.timeOrigin + pageTime - page.clockOffset;
}

/** Server write → screen, per piece, in ms. */
export function latencies(page: MeasuredPage, stamps: FirehosePiece[], times: Array<{ committed: number; painted: number }>) {
  return {
    committed: stamps.map((stamp, i) => onServerClock(page, times[i].committed) - stamp.writtenAt),
    painted: stamps.map((stamp, i) => onServerClock(page, times[i].painted) - stamp.writtenAt),
  };
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1)! };
}

export function median(values: number[]): number {
  return percentiles(values).p50;
}

/** Frames from the first that shows more than before to the first that shows it all. */
export function whileStreaming(frames: Frame[]): Frame[] {
  const final = Math.max(...frames.map((f) => f.progress));
  const first = frames.findIndex((f) => f.progress > frames[0].progress);
  const last = frames.findIndex((f) => f.progress === final);
  return first < 0 ? [] : frames.slice(first - 1, last + 1);
}

/** The longest time between two frames starting while a reply streams: what the user sees as a stall. */
export function longestFrame(frames: Frame[]): number {
  const streaming = whileStreaming(frames);
  let longest = 0;
  for (let i = 1; i < streaming.length; i++) longest = Math.max(longest, streaming[i].start - streaming[i - 1].start);
  return longest;
}

/**
 * Rendering work (frame start → laid out) per piece, in the first and the last quarter of a
 * reply, by how much of it was on screen ("size" progress). Per piece is the median, over the
 * frames that showed more of the reply, of the frame's work ÷ the pieces it added (its share
 * of the reply's progress × all pieces): a frame stalled by something else on this machine
 * moves a median little, and it does not matter how many frames a quarter took. The mean
 * (all the quarter's work ÷ a quarter of the pieces) is kept too.
 */
export function quarterCosts(frames: Frame[], pieces: number) {
  const streaming = whileStreaming(frames);
  const start = streaming[0]?.progress ?? 0;
  const span = Math.max(1, Math.max(...streaming.map((f) => f.progress)) - start);
  const quarter = (from: number, to: number) => {
    const inQuarter = streaming.filter((f, i) => i > 0 && (f.progress - start) / span > from && (f.progress - start) / span <= to);
    const work = inQuarter.reduce((sum, f) => sum + (f.laidOut - f.start), 0);
    const perPiece = inQuarter.flatMap((f) => {
      const added = ((f.progress - streaming[streaming.indexOf(f) - 1].progress) / span) * pieces;
      return added > 0 ? [(f.laidOut - f.start) / added] : [];
    });
    return {
      perPieceMs: median(perPiece),
      meanPerPieceMs: work / (pieces / 4),
      frames: inQuarter.length,
      perFrameMs: work / Math.max(1, inQuarter.length),
    };
  };
  return { first: quarter(0, 0.25), last: quarter(0.75, 1) };
}
