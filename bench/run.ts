/**
 * `npm run bench`: streams replies from the reference server's firehose responder into the
 * built extension's side panel and into a bare baseline page, in one Chromium, and measures
 * both with timestamps taken in the page. Prints a table and writes JSON.
 *
 *   --smoke      tiny sizes: proves the benchmark runs (CI); the figures mean nothing
 *   --out FILE   where the JSON goes (default test-results/bench.json)
 */
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, platform, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createSidechatServer } from '../server/app';
import { createFirehoseResponder } from '../server/responders/firehose';
import { CHROME_BUILD } from '../tests/e2e/chromium-driver';
import { REPO_ROOT } from '../tests/e2e/driver';
import { chatUrl } from '../utils/contract/sidechat-wire';
import { serveBaselinePage } from './baseline-page';
import { launchBenchBrowser } from './browser';
import { probeSettled } from './probe';
import { table, type BenchResults } from './report';
import { measureSide, type Plan, type StampLog } from './runs';
import { bundleSizes } from './sizes';

const PLANS: Record<'full' | 'smoke', Plan> = {
  full: { latencyPieces: 1000, latencyEveryMs: 10, firehosePieces: 20_000, markdownKb: 200, markdownPieceChars: 48, markdownEveryMs: 4, firstChunkTurns: 10, heapTurns: [50, 200], heapReplyKb: 2 },
  smoke: { latencyPieces: 30, latencyEveryMs: 5, firehosePieces: 300, markdownKb: 8, markdownPieceChars: 48, markdownEveryMs: 2, firstChunkTurns: 2, heapTurns: [2, 4], heapReplyKb: 1 },
};

const { values } = parseArgs({ options: { smoke: { type: 'boolean', default: false }, out: { type: 'string' } } });
const plan = PLANS[values.smoke ? 'smoke' : 'full'];
const out = resolve(values.out ?? join(REPO_ROOT, 'test-results/bench.json'));

const stamps: StampLog = [];
const server = createSidechatServer({ wps: 0, keepAliveMs: 0, responder: createFirehoseResponder({ onPiece: (piece) => stamps.push(piece) }) });
const { url } = await server.listen();
const baselinePage = await serveBaselinePage();
const browser = await launchBenchBrowser();
try {
  const panel = await browser.openPanel(url);
  const baseline = await browser.openBaseline(baselinePage.url);
  const streamUrl = chatUrl(url, 'bench', 'stream');

  console.error(`Measuring the side panel (${values.smoke ? 'smoke' : 'full'} run)…`);
  const sidechat = await measureSide(
    {
      measured: panel,
      async ask(message) {
        await panel.page.fill('textarea[aria-label="Message"]', message);
        await panel.page.press('textarea[aria-label="Message"]', 'Enter');
        await panel.page.evaluate(probeSettled);
      },
    },
    stamps,
    plan,
  );
  console.error('Measuring the baseline page…');
  const base = await measureSide(
    {
      measured: baseline,
      async ask(message) {
        await baseline.page.evaluate(
          ({ url, message }) => {
            (window as unknown as { __probe: { sends: number[] } }).__probe.sends.push(performance.now());
            return (window as unknown as { sidechatBaseline: { stream(url: string, message: string): Promise<number> } }).sidechatBaseline.stream(url, message);
          },
          { url: streamUrl, message },
        );
      },
    },
    stamps,
    plan,
  );

  const results: BenchResults = {
    machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, browser: browser.version, platform: `${platform()} ${release()}` },
    commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim(),
    date: new Date().toISOString(),
    smoke: values.smoke,
    plan: { ...plan },
    clockOffsetMs: { sidechat: panel.clockOffset, baseline: baseline.clockOffset },
    sidechat,
    baseline: base,
    sizes: await bundleSizes(CHROME_BUILD),
    baselineScriptGzip: gzipSync(baselinePage.script, { level: 9 }).length,
  };
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(table(results));
  console.log(`\nJSON: ${out}`);
} finally {
  await browser.close();
  await baselinePage.close();
  await server.close();
}
