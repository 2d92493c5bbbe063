/**
 * `npm run soak`: does Chrome's service worker live through a long reply? A reply paced to last
 * `--seconds` (default 360: past Chrome's 5-minute limit for a single request) is streamed twice,
 * once with the side panel open and once with it closed right after Send. The worker's running
 * status is watched over CDP the whole time; the reply must come out exact either way (if the
 * worker is stopped, the checkpoint resumes it). Prints a table and writes test-results/soak.json.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { createSidechatServer } from '../server/app';
import { CHROME_BUILD, CHROMIUM_BINARY, checkChromiumPrerequisites, chromiumArgs, playwrightUiPage } from '../tests/e2e/chromium-driver';
import { REPO_ROOT } from '../tests/e2e/driver';
import { saveOptions } from './save-options';

const seconds = Number(process.argv[process.argv.indexOf('--seconds') + 1]) || 360;
const WPS = 10;
const count = seconds * WPS;
const expected = Array.from({ length: count }, (_, i) => i + 1).join(' ');

interface Run {
  panel: 'open' | 'closed';
  replySeconds: number;
  exact: boolean;
  /** Longest stretch the worker ran without stopping, while the reply ran. */
  longestRunningSeconds: number;
  workerStops: number;
  resumedRequests: number;
}

async function soak(context: BrowserContext, extensionId: string, endpoint: string, panelMode: Run['panel'], requests: () => number): Promise<Run> {
  // The options page stays open: it is how CDP watches the worker, and it holds no port.
  const watcher = await context.newPage();
  await saveOptions(watcher, extensionId, { 'Endpoint URL': endpoint, 'Idle timeout (seconds)': '45' });

  const cdp = await context.newCDPSession(watcher);
  const transitions: Array<{ at: number; status: string }> = [];
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) if (v.scriptURL.includes(extensionId)) transitions.push({ at: Date.now(), status: v.runningStatus });
  });
  await cdp.send('ServiceWorker.enable');

  const panelPage = await context.newPage();
  await panelPage.goto(`chrome-extension://${extensionId}/sidepanel.html`);
  const panel = playwrightUiPage(panelPage);
  const started = Date.now();
  const before = requests();
  await panel.fillByLabel('Message', `count to ${count}`);
  await panel.press('Enter');
  await panelPage.waitForSelector('[data-author="assistant"][data-state="streaming"]');
  if (panelMode === 'closed') await panelPage.close();

  const reader = panelMode === 'open' ? panelPage : await context.newPage();
  const readUntilDone = async () => {
    if (panelMode === 'closed') {
      // Reopened near the end, as a user coming back would: it shows the reply as saved or still running.
      await reader.goto(`chrome-extension://${extensionId}/sidepanel.html`);
    }
    // The last reply: the first run's, finished, is still in the conversation the second run reopens.
    await reader.waitForFunction(lastReplyEnded, undefined, { timeout: (seconds + 120) * 1000, polling: 500 });
  };
  if (panelMode === 'closed') await new Promise((resolve) => setTimeout(resolve, (seconds - 20) * 1000));
  await readUntilDone();
  const ended = Date.now();
  const text = await reader.evaluate(lastReplyText);

  let runningSince: number | undefined = started;
  let longest = 0;
  let stops = 0;
  for (const { at, status } of transitions.filter((t) => t.at >= started && t.at <= ended)) {
    if (status === 'stopped' && runningSince !== undefined) {
      stops++;
      longest = Math.max(longest, at - runningSince);
      runningSince = undefined;
    } else if (status === 'running' && runningSince === undefined) runningSince = at;
  }
  if (runningSince !== undefined) longest = Math.max(longest, ended - runningSince);
  await cdp.detach();
  await watcher.close();
  await reader.close().catch(() => {});
  return {
    panel: panelMode,
    replySeconds: (ended - started) / 1000,
    exact: text.replace(/\s+/g, ' ').trim() === expected,
    longestRunningSeconds: longest / 1000,
    workerStops: stops,
    resumedRequests: requests() - before - 1,
  };
}

/** In the page (self-contained: it is serialised into it). */
function lastReplyEnded(): boolean {
  const state = [...document.querySelectorAll<HTMLElement>('[data-author="assistant"]')].at(-1)?.dataset.state;
  return state === 'done' || state === 'error';
}

/** In the page (self-contained: it is serialised into it). */
function lastReplyText(): string {
  return [...document.querySelectorAll('[data-author="assistant"]')].at(-1)?.querySelector('.text')?.textContent ?? '';
}

async function main(): Promise<void> {
  checkChromiumPrerequisites();
  const server = createSidechatServer({ wps: WPS });
  const { url } = await server.listen(0, '127.0.0.1');
  const profile = await mkdtemp(join(tmpdir(), 'sidechat-soak-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_BINARY, headless: true, args: chromiumArgs(CHROME_BUILD) });
  try {
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;
    const streamRequests = () => server.requests.all.filter((r) => r.route === 'stream').length;
    const runs: Run[] = [];
    for (const mode of ['open', 'closed'] as const) runs.push(await soak(context, extensionId, url, mode, streamRequests));
    console.table(runs);
    await mkdir(join(REPO_ROOT, 'test-results'), { recursive: true });
    await writeFile(join(REPO_ROOT, 'test-results/soak.json'), JSON.stringify({ seconds, runs }, null, 2));
    if (runs.some((run) => !run.exact)) process.exitCode = 1;
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
    await server.close();
  }
}

await main();
