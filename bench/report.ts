/** The benchmark's results as a table for people and as JSON for tools. */
import type { LongFrame } from './probe';
import type { BundleSizes } from './sizes';

export interface SideResults {
  latencyPainted: { p50: number; p95: number; p99: number };
  latencyCommitted: { p50: number; p95: number; p99: number };
  firehoseTotalMs: number;
  firehosePiecesPerSecond: number;
  /** Median over frames of work ÷ pieces added (see quarterCosts). */
  renderCostUs: { first: number; last: number };
  /** All of a quarter's frame work ÷ a quarter of the pieces. */
  renderCostMeanUs: { first: number; last: number };
  renderFrames: { first: number; last: number };
  renderFrameMs: { first: number; last: number };
  firstChunkMs: number;
  longestFrameMs: number;
  longAnimationFrames: number;
  /** The longest, with where their time went. */
  worstLongFrames: LongFrame[];
  heapMb: { early: number; late: number };
}

export interface BenchResults {
  machine: { cpus: number; model: string; node: string; browser: string; platform: string };
  commit: string;
  date: string;
  smoke: boolean;
  plan: Record<string, unknown>;
  clockOffsetMs: { sidechat: number; baseline: number };
  sidechat: SideResults;
  baseline: SideResults;
  sizes: BundleSizes;
  baselineScriptGzip: number;
}

interface Row {
  metric: string;
  sidechat: string;
  baseline: string;
  compare: string;
  target: string;
  pass?: boolean;
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export function rows(r: BenchResults): Row[] {
  const s = r.sidechat;
  const b = r.baseline;
  const out: Row[] = [];
  for (const p of ['p50', 'p95', 'p99'] as const) {
    const target = p === 'p50' ? '≤ baseline + 2 ms' : p === 'p99' ? '≤ 16 ms' : '';
    const pass = p === 'p50' ? s.latencyPainted.p50 <= b.latencyPainted.p50 + 2 : p === 'p99' ? s.latencyPainted.p99 <= 16 : undefined;
    out.push({ metric: `latency ${p}, server write → painted`, sidechat: ms(s.latencyPainted[p]), baseline: ms(b.latencyPainted[p]), compare: `+${ms(s.latencyPainted[p] - b.latencyPainted[p])}`, target, pass });
  }
  for (const p of ['p50', 'p95', 'p99'] as const) {
    out.push({ metric: `latency ${p}, server write → in the DOM`, sidechat: ms(s.latencyCommitted[p]), baseline: ms(b.latencyCommitted[p]), compare: `+${ms(s.latencyCommitted[p] - b.latencyCommitted[p])}`, target: '' });
  }
  const throughput = b.firehoseTotalMs / s.firehoseTotalMs;
  out.push({ metric: `${r.plan.firehosePieces}-chunk reply, first write → last painted`, sidechat: ms(s.firehoseTotalMs), baseline: ms(b.firehoseTotalMs), compare: `throughput ×${throughput.toFixed(2)}`, target: 'throughput ≥ ×0.8', pass: throughput >= 0.8 });
  out.push({ metric: '  chunks per second', sidechat: s.firehosePiecesPerSecond.toFixed(0), baseline: b.firehosePiecesPerSecond.toFixed(0), compare: '', target: '' });
  const growth = s.renderCostUs.last / s.renderCostUs.first;
  out.push({ metric: `render cost per chunk (median), ${r.plan.markdownKb} KB markdown at ${r.plan.markdownPieceChars} chars/${r.plan.markdownEveryMs} ms, 1st quarter`, sidechat: `${s.renderCostUs.first.toFixed(1)} µs`, baseline: `${b.renderCostUs.first.toFixed(1)} µs`, compare: '', target: '' });
  out.push({ metric: '  … last quarter', sidechat: `${s.renderCostUs.last.toFixed(1)} µs`, baseline: `${b.renderCostUs.last.toFixed(1)} µs`, compare: `last/first ×${growth.toFixed(2)} (baseline ×${(b.renderCostUs.last / b.renderCostUs.first).toFixed(2)})`, target: '≤ ×1.2', pass: growth <= 1.2 });
  out.push({ metric: '  mean per chunk (all work ÷ chunks), 1st → last', sidechat: `${s.renderCostMeanUs.first.toFixed(1)} → ${s.renderCostMeanUs.last.toFixed(1)} µs`, baseline: `${b.renderCostMeanUs.first.toFixed(1)} → ${b.renderCostMeanUs.last.toFixed(1)} µs`, compare: '', target: '' });
  out.push({ metric: '  render work per frame, 1st → last quarter', sidechat: `${ms(s.renderFrameMs.first)} → ${ms(s.renderFrameMs.last)}`, baseline: `${ms(b.renderFrameMs.first)} → ${ms(b.renderFrameMs.last)}`, compare: `frames: ${s.renderFrames.first} → ${s.renderFrames.last} / ${b.renderFrames.first} → ${b.renderFrames.last}`, target: '' });
  out.push({ metric: 'time to first chunk after Send (median)', sidechat: ms(s.firstChunkMs), baseline: ms(b.firstChunkMs), compare: `+${ms(s.firstChunkMs - b.firstChunkMs)}`, target: '' });
  out.push({ metric: 'longest frame (while streaming)', sidechat: ms(s.longestFrameMs), baseline: ms(b.longestFrameMs), compare: `long animation frames: ${s.longAnimationFrames} / ${b.longAnimationFrames}`, target: '≤ 50 ms', pass: s.longestFrameMs <= 50 });
  const heap = s.heapMb.late / s.heapMb.early;
  const [early, late] = r.plan.heapTurns as number[];
  out.push({ metric: `JS heap after ${early} → ${late} turns`, sidechat: `${s.heapMb.early.toFixed(2)} → ${s.heapMb.late.toFixed(2)} MB`, baseline: `${b.heapMb.early.toFixed(2)} → ${b.heapMb.late.toFixed(2)} MB`, compare: `×${heap.toFixed(2)} (baseline ×${(b.heapMb.late / b.heapMb.early).toFixed(2)})`, target: '≤ ×1.3', pass: heap <= 1.3 });
  out.push({ metric: 'side panel initial JS+CSS, gzip', sidechat: kb(r.sizes.initialTotal), baseline: kb(r.baselineScriptGzip), compare: '', target: '≤ 35 KB', pass: r.sizes.initialTotal <= 35 * 1024 });
  out.push({ metric: '  lazy: markdown renderer (after first paint)', sidechat: kb(r.sizes.markdownRenderer), baseline: '', compare: '', target: '' });
  out.push({ metric: '  lazy: highlighter (first code block)', sidechat: kb(r.sizes.highlighter), baseline: '', compare: '', target: '' });
  out.push({ metric: `  lazy: ${r.sizes.grammars.count} grammars, one per language used`, sidechat: `${kb(r.sizes.grammars.total)} (max ${kb(r.sizes.grammars.largest)})`, baseline: '', compare: '', target: '' });
  return out;
}

export function table(r: BenchResults): string {
  const header: Row = { metric: 'metric', sidechat: 'Sidechat', baseline: 'baseline', compare: 'compared', target: 'target' };
  const all = [header, ...rows(r)];
  const width = (key: keyof Row) => Math.max(...all.map((row) => String(row[key] ?? '').length));
  const line = (row: Row) =>
    (['metric', 'sidechat', 'baseline', 'compare', 'target'] as const).map((key) => String(row[key]).padEnd(width(key))).join(' | ') +
    (row.pass === undefined ? '' : row.pass ? ' | met' : ' | MISSED');
  const machine = `${r.machine.model}, ${r.machine.cpus} CPUs, ${r.machine.platform}, Node ${r.machine.node}, ${r.machine.browser}`;
  return [`Sidechat benchmark${r.smoke ? ' (smoke: tiny sizes, figures mean nothing)' : ''} — ${r.date}, commit ${r.commit}`, machine, '', line(header), ...rows(r).map(line)].join('\n');
}
