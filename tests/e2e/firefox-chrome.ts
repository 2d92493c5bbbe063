/**
 * Firefox's own UI, reached through WebDriver BiDi's chrome scope (allowed by
 * --remote-allow-system-access): the real context menu, and the toolbar button's action. BiDi has
 * no command for either, so the browser window's privileged script does what the user's click does.
 */
import type { Browser } from 'puppeteer-core';
import { DEFAULT_TIMEOUT_MS } from './driver';

interface BidiConnection {
  send(method: string, params: object): Promise<{ result: any }>;
}

export interface ChromeScope {
  /** Evaluates an async function body in the browser window (browser.xhtml) and returns its value. */
  run<T>(body: string): Promise<T>;
}

export async function chromeScope(browser: Browser, geckoId: string): Promise<ChromeScope> {
  // Not in puppeteer's typed API: the BiDi connection it already holds (Firefox allows one session).
  const connection = (browser as unknown as { connection: BidiConnection }).connection;
  const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const context = result.contexts.find((c: { url: string }) => c.url === 'chrome://browser/content/browser.xhtml')?.context;
  if (!context) throw new Error('no browser window in the chrome scope');
  return {
    async run<T>(body: string): Promise<T> {
      const expression = `(async () => { const GECKO_ID = ${JSON.stringify(geckoId)}; ${body} })()`;
      const { result: outcome } = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: true });
      if (outcome.type === 'exception') throw new Error(`chrome-scope script failed: ${outcome.exceptionDetails?.text}`);
      return outcome.result?.value as T;
    },
  };
}

/** The toolbar click: the same call Firefox makes for a click on the extension's toolbar button (activeTab included). */
export function clickToolbarButton(scope: ChromeScope): Promise<void> {
  return scope.run(`
    const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
    const extension = WebExtensionPolicy.getByID(GECKO_ID).extension;
    ExtensionParent.apiManager.global.browserActionFor(extension).triggerAction(window);
  `);
}

/** Waits for the page's context menu (opened by a right click in the page) and clicks the item with this label. */
export async function clickContextMenuItem(scope: ChromeScope, label: string): Promise<void> {
  const outcome = await scope.run<string>(`
    const menu = document.getElementById('contentAreaContextMenu');
    const deadline = Date.now() + ${DEFAULT_TIMEOUT_MS};
    let item;
    while (!(item = [...menu.querySelectorAll('menuitem')].find((i) => i.label === ${JSON.stringify(label)} && !i.hidden))) {
      if (Date.now() > deadline) return 'menu state ' + menu.state + ', items: ' + [...menu.querySelectorAll('menuitem')].filter((i) => !i.hidden).map((i) => i.label).join(', ');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    item.doCommand();
    menu.hidePopup();
    return 'clicked';
  `);
  if (outcome !== 'clicked') throw new Error(`no context-menu item "${label}" (${outcome})`);
}

/**
 * Suspends the event page as Firefox does one that has been idle for 30 s (the same call as
 * about:debugging's "Terminate background script"): runtime.onSuspend, then the page is gone
 * until an event wakes it.
 */
export function terminateBackground(scope: ChromeScope): Promise<void> {
  return scope.run(`await WebExtensionPolicy.getByID(GECKO_ID).extension.terminateBackground({ disableResetIdleForTest: true });`);
}
