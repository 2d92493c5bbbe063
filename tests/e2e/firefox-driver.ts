/** Firefox ESR through puppeteer-core over WebDriver BiDi, with the build installed as a temporary add-on. */
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import puppeteer, { type ElementHandle, type Page } from 'puppeteer-core';
import { chromeScope, clickContextMenuItem, clickToolbarButton, terminateBackground } from './firefox-chrome';
import { DEFAULT_TIMEOUT_MS, describePage, REPO_ROOT, requireFile, waitWithMessage, type ExtensionDriver, type UiPage } from './driver';

export const FIREFOX_BINARY = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
export const FIREFOX_BUILD = join(REPO_ROOT, '.output/firefox-mv3');
/** Must match browser_specific_settings.gecko.id in wxt.config.ts. */
const GECKO_ID = 'sidechat@sidechat.dev';
/** Firefox gives each install a random moz-extension host; this pref pins it so pages have known URLs. */
const EXTENSION_UUID = '5e9c1f0a-7b1d-4c2e-9a51-3c1d2b7e8f40';

export async function launchFirefox(): Promise<ExtensionDriver> {
  requireFile(FIREFOX_BINARY, 'install Firefox (apt-get install -y firefox-esr) or set FIREFOX_BIN');
  requireFile(join(FIREFOX_BUILD, 'manifest.json'), 'run `npm run build` first');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_BINARY,
    headless: true,
    protocol: 'webDriverBiDi',
    // Without it, moz-extension:// pages cannot be opened at all.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 420, height: 720 },
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }) },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const open = async (file: string, readySelector: string) => {
    const page = await browser.newPage();
    const url = `moz-extension://${EXTENSION_UUID}/${file}`;
    // goto of a moz-extension page loads it but never resolves: don't wait for it, wait for the page.
    void page.goto(url, { timeout: DEFAULT_TIMEOUT_MS }).catch(() => {});
    await waitForDocument(page, url, readySelector);
    return puppeteerUiPage(page);
  };
  const scope = await chromeScope(browser, GECKO_ID);
  const tabShowing = async (url: string) => {
    const page = (await browser.pages()).find((p) => p.url() === url);
    if (!page) throw new Error(`no tab shows ${url}`);
    await page.bringToFront();
    return page;
  };
  const openPanel = () => open('sidepanel.html', '[role=log]');
  return {
    name: 'firefox',
    openOptions: () => open('options.html', 'form.options'),
    openPanel,
    async openWebPage(url) {
      const page = await browser.newPage();
      await page.goto(url);
      return puppeteerUiPage(page);
    },
    async openPanelFromToolbar(url) {
      await tabShowing(url);
      await clickToolbarButton(scope);
      // The click opens the real sidebar; BiDi can't reach into it, so the same panel page is driven in a tab.
      return openPanel();
    },
    async chooseSelectionMenu(url) {
      const page = await tabShowing(url);
      const { x, y } = await page.evaluate(() => {
        const range = getSelection()!.getRangeAt(0);
        range.startContainer.parentElement!.scrollIntoView({ block: 'center' });
        const box = range.getBoundingClientRect();
        return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
      });
      await page.mouse.click(x, y, { button: 'right' });
      await clickContextMenuItem(scope, 'Ask Sidechat about the selection');
    },
    stopBackground: () => terminateBackground(scope),
    close: () => browser.close(),
  };
}

/**
 * Puppeteer gets no navigation events for moz-extension pages, so its in-page waits, started on
 * about:blank, never notice the new document and hang. One-shot evaluations always reach the
 * current document, so poll with those (an evaluation that races the navigation fails: retry).
 */
async function waitForDocument(page: Page, url: string, readySelector: string): Promise<void> {
  const deadline = Date.now() + DEFAULT_TIMEOUT_MS;
  const isReady = (selector: string) => `${location.href} ${document.querySelector(selector) !== null}`;
  let seen = '';
  while (seen !== `${url} true`) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${DEFAULT_TIMEOUT_MS} ms waiting for ${url} to show ${readySelector} (last seen: ${seen || 'nothing'})`);
    await sleep(50);
    seen = await page.evaluate(isReady, readySelector).catch(() => '');
  }
}

/** Finds a control the way a user names it: its <label>, aria-label, or (buttons) its text. */
function findByName(page: Page, kind: 'control' | 'button', name: string): Promise<ElementHandle<Element>> {
  return waitWithMessage(
    async () =>
      (await page.waitForFunction(
        (kind, name) => {
          if (kind === 'button') return [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === name);
          const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === name);
          return label?.control ?? document.querySelector(`[aria-label="${CSS.escape(name)}"]`);
        },
        { timeout: DEFAULT_TIMEOUT_MS },
        kind,
        name,
      )) as ElementHandle<Element>,
    () => page.evaluate(describePage),
    { what: `a ${kind} named "${name}"` },
  );
}

export function puppeteerUiPage(page: Page): UiPage {
  return {
    async fillByLabel(label, value) {
      const control = await findByName(page, 'control', label);
      await control.click();
      // Select what is there so typing replaces it, as a user would.
      await page.keyboard.down('Control');
      await page.keyboard.press('a');
      await page.keyboard.up('Control');
      if (value) await page.keyboard.type(value);
      else await page.keyboard.press('Backspace');
    },
    async setChecked(label, on) {
      const control = await findByName(page, 'control', label);
      if ((await control.evaluate((el) => (el as HTMLInputElement).checked)) !== on) await control.click();
    },
    async selectByLabel(label, value) {
      const control = await findByName(page, 'control', label);
      await control.select(value);
    },
    clickButton: async (name) => (await findByName(page, 'button', name)).click(),
    press: (key) => page.keyboard.press(key as never),
    waitFor: (fn, arg, options) =>
      waitWithMessage(
        async () => (await page.waitForFunction(fn as (arg: unknown) => unknown, { timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS, polling: 'raf' }, arg)).jsonValue() as never,
        () => page.evaluate(describePage),
        options,
      ),
    addScript: async (source) => void (await page.evaluate(source)),
    evaluate: (fn, arg) => page.evaluate(fn as never, arg) as never,
    screenshot: async (path) => void (await page.screenshot({ path: path as `${string}.png`, fullPage: true })),
    setWidth: (width, height = 720) => page.setViewport({ width, height }),
    close: () => page.close(),
  };
}
