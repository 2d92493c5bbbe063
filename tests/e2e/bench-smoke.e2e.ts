/**
 * The benchmark as a smoke test: tiny sizes, it must run end to end and write its JSON. The
 * figures are never asserted — on a shared CI machine they would only make the test flaky.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from './driver';

test('npm run bench -- --smoke runs and writes its JSON', { timeout: 180_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sidechat-bench-'));
  try {
    const out = join(dir, 'bench.json');
    const { stdout } = await promisify(execFile)('npm', ['run', 'bench', '--', '--smoke', '--out', out], { cwd: REPO_ROOT, maxBuffer: 10 * 1024 * 1024 });
    assert.match(stdout, /Sidechat benchmark \(smoke/);
    const results = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(results.smoke, true);
    for (const side of ['sidechat', 'baseline']) {
      const figures = [
        results[side].latencyPainted.p99,
        results[side].latencyCommitted.p50,
        results[side].firehoseTotalMs,
        results[side].renderCostUs.last,
        results[side].firstChunkMs,
        results[side].longestFrameMs,
        results[side].heapMb.late,
      ];
      assert.ok(figures.every(Number.isFinite), `${side}: a figure is missing: ${JSON.stringify(results[side])}`);
    }
    assert.ok(results.sizes.initialTotal > 0 && results.sizes.markdownRenderer > 0, 'bundle sizes are missing');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
