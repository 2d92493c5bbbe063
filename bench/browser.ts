/**
 * Chromium with the built extension (the E2E tests' launch flags), the side panel configured
 * for the benchmark's endpoint, and the baseline page beside it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROME_BUILD, CHROMIUM_BINARY, checkChromiumPrerequisites, chromiumArgs } from '../tests/e2e/chromium-driver';
import { saveOptions } from './save-options';
import { installProbe, pageEpochNow, type ProgressMode, type Target } from './probe';

export interface BenchBrowser {
  context: BrowserContext;
  version: string;
  openPanel(endpointUrl: string): Promise<MeasuredPage>;
  openBaseline(url: string): Promise<MeasuredPage>;
  close(): Promise<void>;
}

export interface MeasuredPage {
  page: Page;
  target: Target;
  /** The page's `performance.timeOrigin`, to turn its `performance.now()` times into epoch ms. */
  timeOrigin: number;
  /** Page epoch clock minus this process's epoch clock, in ms (they should agree to well under a millisecond). */
  clockOffset: number;
  setMode(mode: ProgressMode): Promise<void>;
}

const VIEWPORT = { width: 420, height: 720 };

export async function launchBenchBrowser(): Promise<BenchBrowser> {
  checkChromiumPrerequisites();
  const profile = await mkdtemp(join(tmpdir(), 'sidechat-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_BINARY,
    headless: true,
    args: chromiumArgs(CHROME_BUILD),
    viewport: VIEWPORT,
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  const blank = context.pages()[0] ?? (await context.newPage());
  const { product: version } = await (await context.newCDPSession(blank)).send('Browser.getVersion');
  await blank.close();

  return {
    context,
    version,
    async openPanel(endpointUrl) {
      const options = await context.newPage();
      await saveOptions(options, extensionId, { 'Endpoint URL': endpointUrl, 'Project ID': 'bench' });
      await options.close();
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/sidepanel.html`);
      await page.waitForSelector('[role=log]');
      return measured(page, 'panel');
    },
    async openBaseline(url) {
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForFunction(() => 'sidechatBaseline' in window);
      return measured(page, 'baseline');
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

async function measured(page: Page, target: Target): Promise<MeasuredPage> {
  await page.evaluate(installProbe, { target, mode: 'marker' as ProgressMode });
  return {
    page,
    target,
    timeOrigin: await page.evaluate(() => performance.timeOrigin),
    clockOffset: await clockOffset(page),
    setMode: (mode) => page.evaluate(installProbe, { target, mode }),
  };
}

/** The page's epoch clock against ours, from the round trip with the least delay. */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i++) {
    const before = performance.timeOrigin + performance.now();
    const inPage = await page.evaluate(pageEpochNow);
    const after = performance.timeOrigin + performance.now();
    if (after - before < best.rtt) best = { rtt: after - before, offset: inPage - (before + after) / 2 };
  }
  return best.offset;
}
