/** Chromium through playwright-core, with the unpacked build loaded into a throwaway profile. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import { DEFAULT_TIMEOUT_MS, describePage, REPO_ROOT, requireFile, waitWithMessage, type ExtensionDriver, type UiPage } from './driver';

export const CHROMIUM_BINARY = process.env.CHROMIUM_BIN ?? '/usr/bin/chromium';
export const CHROME_BUILD = join(REPO_ROOT, '.output/chrome-mv3');

/** PLATFORM.md's flags; the networking ones keep an offline browser from retrying the outside world. */
export function chromiumArgs(extensionDir: string): string[] {
  return [
    '--headless=new',
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ];
}

export function checkChromiumPrerequisites(): void {
  requireFile(CHROMIUM_BINARY, 'install Chromium (apt-get install -y chromium) or set CHROMIUM_BIN');
  requireFile(join(CHROME_BUILD, 'manifest.json'), 'run `npm run build` first');
}

export async function launchChromium(): Promise<ExtensionDriver> {
  checkChromiumPrerequisites();
  const profile = await mkdtemp(join(tmpdir(), 'sidechat-chromium-'));
  const consoleLines: string[] = [];
  let context: BrowserContext;
  let extensionId: string;
  /** Launches Chromium over the profile: a first run, or the same user coming back. */
  async function start(): Promise<void> {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_BINARY,
      headless: true,
      args: chromiumArgs(CHROME_BUILD),
      viewport: { width: 420, height: 720 },
    });
    const listenTo = (worker: Worker) => worker.on('console', (message) => consoleLines.push(message.text()));
    const running = context.serviceWorkers();
    running.forEach(listenTo);
    context.on('serviceworker', listenTo);
    context.on('console', (message) => consoleLines.push(message.text()));
    const worker = running[0] ?? (await context.waitForEvent('serviceworker', { timeout: DEFAULT_TIMEOUT_MS }));
    extensionId = new URL(worker.url()).host;
  }
  await start();
  const open = async (file: string, readySelector: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    await page.waitForSelector(readySelector, { timeout: DEFAULT_TIMEOUT_MS });
    return playwrightUiPage(page);
  };
  return {
    name: 'chromium',
    openOptions: () => open('options.html', 'form.options'),
    openPanel: () => open('sidepanel.html', '[role=log]'),
    extensionConsole: () => [...consoleLines],
    openWebPage: (url) => openWebPage(context, url),
    openPanelFromToolbar() {
      throw new Error('a toolbar click needs the DevTools-port launch of chromium-toolbar.ts');
    },
    chooseSelectionMenu: (url) => chooseSelectionMenu(context, url),
    stopBackground: () => stopServiceWorker(context, extensionId),
    async openPanelInNewWindow() {
      const opener = await open('options.html', 'form.options');
      const [page] = await Promise.all([context.waitForEvent('page'), opener.evaluate(() => void (globalThis as any).chrome.windows.create({ url: 'sidepanel.html' }))]);
      await opener.close();
      await page.waitForSelector('[role=log]', { timeout: DEFAULT_TIMEOUT_MS });
      return playwrightUiPage(page);
    },
    async restartBrowser() {
      await context.close();
      await start();
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** CDP's ServiceWorker domain, from one of the extension's own pages: it shares the worker's storage partition. */
async function stopServiceWorker(context: BrowserContext, extensionId: string): Promise<void> {
  const page = context.pages().find((p) => p.url().startsWith(`chrome-extension://${extensionId}/`));
  if (!page) throw new Error('stopping the worker needs an extension page open');
  const cdp = await context.newCDPSession(page);
  try {
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
        if (versions.some((v) => v.scriptURL.includes(extensionId) && v.runningStatus === 'stopped')) resolve();
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await stopped;
  } finally {
    await cdp.detach().catch(() => {});
  }
}

export function playwrightUiPage(page: Page): UiPage {
  return {
    // Typed key by key rather than fill(): the page sees the same events as from a person.
    async fillByLabel(label, value) {
      const control = page.getByLabel(label, { exact: true });
      await control.click();
      await page.keyboard.press('ControlOrMeta+A');
      if (value) await control.pressSequentially(value);
      else await page.keyboard.press('Backspace');
    },
    setChecked: (label, on) => page.getByLabel(label, { exact: true }).setChecked(on),
    selectByLabel: async (label, value) => void (await page.getByLabel(label, { exact: true }).selectOption(value)),
    clickButton: (name) => page.getByRole('button', { name, exact: true }).click(),
    press: (key) => page.keyboard.press(key),
    waitFor: (fn, arg, options) =>
      waitWithMessage(
        async () => (await page.waitForFunction(fn as (arg: unknown) => unknown, arg, { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, polling: 'raf' })).jsonValue() as never,
        () => page.evaluate(describePage),
        options,
      ),
    addScript: async (source) => void (await page.evaluate(source)),
    evaluate: (fn, arg) => page.evaluate(fn, arg as never),
    screenshot: async (path) => void (await page.screenshot({ path, fullPage: true })),
    setWidth: (width, height = 720) => page.setViewportSize({ width, height }),
    close: () => page.close(),
  };
}

export async function openWebPage(context: BrowserContext, url: string): Promise<UiPage> {
  const page = await context.newPage();
  await page.goto(url);
  return playwrightUiPage(page);
}

/**
 * Chrome's context menu is native UI that no automation can click. What the click does is
 * dispatch onClicked to the extension with the selection and the tab, so that is done here, from
 * the service worker, to the extension's own listener.
 */
export async function chooseSelectionMenu(context: BrowserContext, url: string): Promise<void> {
  const page = context.pages().find((p) => p.url() === url);
  if (!page) throw new Error(`no tab shows ${url}`);
  const selectionText = await page.evaluate(() => getSelection()?.toString() ?? '');
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: DEFAULT_TIMEOUT_MS }));
  await worker.evaluate(
    async ({ url, selectionText }) => {
      const chrome = (globalThis as any).chrome;
      const tab = (await chrome.tabs.query({})).find((t: { url?: string }) => t.url === url);
      chrome.contextMenus.onClicked.dispatch({ menuItemId: 'sidechat-ask-about-selection', selectionText, pageUrl: url, editable: false }, tab);
    },
    { url, selectionText },
  );
}
