/**
 * Chromium started by hand with a DevTools port, so the side panel can be opened the way a user
 * does — a toolbar click on a web page's tab — and then driven. Playwright's own launch can't
 * do this: the real panel is not in `context.pages()` and triggerAction needs
 * --enable-unsafe-extension-debugging.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession } from 'playwright-core';
import { CHROME_BUILD, CHROMIUM_BINARY, checkChromiumPrerequisites, chooseSelectionMenu, chromiumArgs, openWebPage, playwrightUiPage } from './chromium-driver';
import { DEFAULT_TIMEOUT_MS, type ExtensionDriver } from './driver';

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

/** A driver whose openPanel() clicks the toolbar button over a web page and attaches to the real panel. */
export async function launchChromiumForToolbar(): Promise<ExtensionDriver> {
  checkChromiumPrerequisites();
  const profile = await mkdtemp(join(tmpdir(), 'sidechat-toolbar-'));
  const webPage = await serveWebPage();
  const child = spawn(
    CHROMIUM_BINARY,
    [...chromiumArgs(CHROME_BUILD), `--user-data-dir=${profile}`, '--remote-debugging-port=0', '--enable-unsafe-extension-debugging', 'about:blank'],
    // Its own process group, so the renderers and helpers die with it.
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const cleanup = async () => {
    const exited = new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await exited;
    webPage.close();
    // A helper process may still be flushing the profile for a moment after the browser exits.
    await rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  try {
    const endpoint = await devToolsEndpoint(child);
    const browser = await chromium.connectOverCDP(endpoint);
    const context = browser.contexts()[0];
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: DEFAULT_TIMEOUT_MS }));
    const extensionId = new URL(worker.url()).host;
    const cdp = await browser.newBrowserCDPSession();
    const panelUrl = `chrome-extension://${extensionId}/sidepanel.html`;

    const driver: ExtensionDriver = {
      name: 'chromium',
      async openOptions() {
        const page = await context.newPage();
        await page.goto(`chrome-extension://${extensionId}/options.html`);
        await page.waitForSelector('form.options');
        return playwrightUiPage(page);
      },
      async openPanel() {
        await openWebPage(context, webPage.url);
        return driver.openPanelFromToolbar(webPage.url);
      },
      openWebPage: (url) => openWebPage(context, url),
      chooseSelectionMenu: (url, entry) => chooseSelectionMenu(context, url, entry),
      async openPanelFromToolbar(url) {
        // triggerAction refuses `page` target ids: it wants the tab target.
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tabTarget = (targetInfos as TargetInfo[]).find((t) => t.url === url);
        if (!tabTarget) throw new Error(`no tab target for ${url}`);
        await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tabTarget.targetId });
        await waitForTarget(cdp, (t) => t.type === 'page' && t.url === panelUrl, `a page target at ${panelUrl} after the toolbar click`);
        // The real panel is missing from this connection's pages; a second connection lists it.
        const viewer = await chromium.connectOverCDP(endpoint);
        const panel = viewer.contexts()[0].pages().find((p) => p.url() === panelUrl);
        if (!panel) throw new Error('the side panel target exists but a new CDP connection does not list it as a page');
        // A panel an earlier scenario left open stays open: reloaded, each scenario starts with an empty conversation.
        await panel.reload();
        await panel.waitForSelector('[role=log]');
        return { ...playwrightUiPage(panel), close: () => viewer.close() };
      },
      async close() {
        await browser.close().catch(() => {});
        await cleanup();
      },
    };
    return driver;
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** Chromium prints the DevTools address on stderr once it listens on the port it picked. */
function devToolsEndpoint(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Chromium did not print its DevTools address within ${DEFAULT_TIMEOUT_MS} ms:\n${output}`)), DEFAULT_TIMEOUT_MS);
    child.once('exit', (code) => reject(new Error(`Chromium exited (${code}) before listening:\n${output}`)));
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk;
      const match = /DevTools listening on (ws:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
  });
}

/** Resolves with the first target, present or future, that matches; targets change URL after creation. */
async function waitForTarget(cdp: CDPSession, matches: (t: TargetInfo) => boolean, what: string): Promise<TargetInfo> {
  const found = new Promise<TargetInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Timed out after ${DEFAULT_TIMEOUT_MS} ms waiting for ${what}`)), DEFAULT_TIMEOUT_MS);
    const check = ({ targetInfo }: { targetInfo: TargetInfo }) => {
      if (!matches(targetInfo)) return;
      clearTimeout(timer);
      cdp.off('Target.targetCreated', check);
      cdp.off('Target.targetInfoChanged', check);
      resolve(targetInfo);
    };
    cdp.on('Target.targetCreated', check);
    cdp.on('Target.targetInfoChanged', check);
  });
  // Discovery reports every existing target as created, then keeps reporting; only the first time it is turned on.
  await cdp.send('Target.setDiscoverTargets', { discover: true });
  const { targetInfos } = await cdp.send('Target.getTargets');
  const existing = (targetInfos as TargetInfo[]).find(matches);
  return existing ?? found;
}

/** Any ordinary web page: the toolbar button is clicked over it, as a user would. */
async function serveWebPage(): Promise<{ url: string; close(): void }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>A web page</title><h1>Some page the user is reading</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}
