/**
 * Every build WXT makes from this project's config is Manifest V3, in both browsers, with no
 * `--mv3` on the command line: `wxt -b firefox` alone once built an MV2 add-on that loaded but
 * never reached the endpoint. Built for real, into a temporary directory, as `wxt build -b` does.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, test } from 'vitest';
import { build } from 'wxt';

const root = fileURLToPath(new URL('../../', import.meta.url));
let outDir = '';

afterEach(() => rm(outDir, { recursive: true, force: true }));

test.each(['chrome', 'firefox'])('wxt build -b %s builds Manifest V3 from the config alone', { timeout: 120_000 }, async (browser) => {
  outDir = await mkdtemp(join(tmpdir(), 'sidechat-manifest-'));
  await build({ root, browser, outDir, logger: quietLogger() });
  const [built] = await readdir(outDir);
  const manifest = JSON.parse(await readFile(join(outDir, built, 'manifest.json'), 'utf8'));
  expect([built, manifest.manifest_version]).toEqual([`${browser}-mv3`, 3]);
});

/** The build's progress lines would bury the test report; its warnings and errors still show. */
function quietLogger() {
  const silent = () => {};
  return { debug: silent, log: silent, info: silent, success: silent, warn: console.warn, error: console.error, fatal: console.error, level: 3 as const };
}
