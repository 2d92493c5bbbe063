/**
 * The measurements, run the same way on each side: the side panel (through the extension's
 * background and port) and the baseline page (fetch in the page).
 */
import type { FirehosePiece } from '../server/responders/firehose';
import type { MeasuredPage } from './browser';
import { framesOf, latencies, longestFrame, median, onServerClock, percentiles, pieceTimes, quarterCosts } from './metrics';
import { probeQuiet, takeProbeData, type ProbeData, type ProgressMode } from './probe';
import type { SideResults } from './report';

export interface Plan {
  latencyPieces: number;
  latencyEveryMs: number;
  firehosePieces: number;
  markdownKb: number;
  /** The render-cost run streams the markdown paced, in pieces this long on average… */
  markdownPieceChars: number;
  /** …this far apart, so no backlog builds up and every frame takes on about as much. */
  markdownEveryMs: number;
  firstChunkTurns: number;
  /** Heap is measured after the first and after the second number of turns. */
  heapTurns: [number, number];
  heapReplyKb: number;
}

export interface Side {
  measured: MeasuredPage;
  /** Sends the message the way this side does, and resolves once its reply is on screen. */
  ask(message: string): Promise<void>;
}

interface Reply {
  stamps: FirehosePiece[];
  data: ProbeData;
}

/** The server's stamps for the reply being streamed; the runner empties it before each ask. */
export type StampLog = FirehosePiece[];

export async function measureSide(side: Side, stamps: StampLog, plan: Plan): Promise<SideResults> {
  const { measured } = side;
  const reply = async (message: string, mode: ProgressMode = 'marker'): Promise<Reply> => {
    await measured.setMode(mode);
    await measured.page.bringToFront();
    stamps.length = 0;
    await measured.page.evaluate(takeProbeData);
    await side.ask(message);
    // Until the screen is still: the last pieces may still be rendering, and their frames count.
    await measured.page.evaluate(probeQuiet);
    return { stamps: [...stamps], data: await measured.page.evaluate(takeProbeData) };
  };

  // Warm up: code loaded and compiled, connection and CORS preflight done, on both sides alike.
  await reply('words 200');
  await reply('markdown 8 kb', 'size');

  const paced = await reply(`words ${plan.latencyPieces} every ${plan.latencyEveryMs} ms`);
  const lat = latencies(measured, paced.stamps, pieceTimes(sinceNewReply(paced.data), paced.stamps.length));

  const firehose = await reply(`words ${plan.firehosePieces}`);
  const firehoseTimes = pieceTimes(sinceNewReply(firehose.data), firehose.stamps.length);
  const firehoseTotalMs = onServerClock(measured, firehoseTimes.at(-1)!.painted) - firehose.stamps[0].writtenAt;

  const markdown = await reply(`markdown ${plan.markdownKb} kb`, 'size');
  const pacedMarkdown = await reply(`markdown ${plan.markdownKb} kb in ${plan.markdownPieceChars}-character pieces every ${plan.markdownEveryMs} ms`, 'size');
  const costs = quarterCosts(framesOf(pacedMarkdown.data), pacedMarkdown.stamps.length);

  const firstChunks: number[] = [];
  for (let turn = 0; turn < plan.firstChunkTurns; turn++) {
    const { data } = await reply('words 20');
    const [first] = pieceTimes(sinceNewReply(data), 1);
    firstChunks.push(first.painted - data.sends[0]);
  }

  const runs = [paced, firehose, markdown, pacedMarkdown];
  const heapMb = await heapAfterTurns(side, plan);
  return {
    latencyPainted: percentiles(lat.painted),
    latencyCommitted: percentiles(lat.committed),
    firehoseTotalMs,
    firehosePiecesPerSecond: (firehose.stamps.length / firehoseTotalMs) * 1000,
    renderCostUs: { first: costs.first.perPieceMs * 1000, last: costs.last.perPieceMs * 1000 },
    renderCostMeanUs: { first: costs.first.meanPerPieceMs * 1000, last: costs.last.meanPerPieceMs * 1000 },
    renderFrames: { first: costs.first.frames, last: costs.last.frames },
    renderFrameMs: { first: costs.first.perFrameMs, last: costs.last.perFrameMs },
    firstChunkMs: median(firstChunks),
    longestFrameMs: Math.max(...runs.map((run) => longestFrame(framesOf(run.data)))),
    longAnimationFrames: runs.reduce((sum, run) => sum + run.data.longFrames.length, 0),
    worstLongFrames: runs
      .flatMap((run) => run.data.longFrames)
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 5),
    heapMb,
  };
}

/**
 * Commits from the moment the new reply's (empty) text appeared: before that, the screen still
 * shows the previous reply's words.
 */
function sinceNewReply(data: ProbeData): ProbeData {
  const at = data.commits.findIndex((value, i) => i % 2 === 1 && value === -1);
  return at < 0 ? data : { ...data, commits: data.commits.slice(at - 1) };
}

/** JS heap after garbage collection, after the first and after all of the heap turns. */
async function heapAfterTurns(side: Side, plan: Plan): Promise<{ early: number; late: number }> {
  const cdp = await side.measured.page.context().newCDPSession(side.measured.page);
  const heap = async () => {
    await side.measured.page.evaluate(probeQuiet);
    // The probe's own records would count as the page's heap.
    await side.measured.page.evaluate(takeProbeData);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Runtime.getHeapUsage')).usedSize / 1024 / 1024;
  };
  const [early, late] = plan.heapTurns;
  let earlyMb = 0;
  for (let turn = 1; turn <= late; turn++) {
    await side.ask(`markdown ${plan.heapReplyKb} kb`);
    if (turn === early) earlyMb = await heap();
  }
  const lateMb = await heap();
  await cdp.detach();
  return { early: earlyMb, late: lateMb };
}
