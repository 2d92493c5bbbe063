/**
 * What a scenario needs from a browser, and nothing more. One implementation per automation
 * library (chromium-driver.ts: playwright-core; firefox-driver.ts: puppeteer-core over BiDi),
 * so the scenarios are written once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type BrowserName = 'chromium' | 'firefox';

export interface WaitOptions {
  /** Says what was awaited; a timeout error starts with it. */
  what: string;
  timeoutMs?: number;
}

/** An extension page, driven the way a user would: labels, button names, keys. */
export interface UiPage {
  /** Replaces the value of the control with this label by typing it. */
  fillByLabel(label: string, value: string): Promise<void>;
  setChecked(label: string, on: boolean): Promise<void>;
  /** Picks the option with this value in the <select> with this label. */
  selectByLabel(label: string, value: string): Promise<void>;
  clickButton(name: string): Promise<void>;
  /** A key on the focused element, e.g. 'Enter'. */
  press(key: string): Promise<void>;
  /** Waits until `fn` returns a truthy value in the page, and returns that value. */
  waitFor<R, A = undefined>(fn: (arg: A) => R, arg: A, options: WaitOptions): Promise<NonNullable<R>>;
  evaluate<R, A = undefined>(fn: (arg: A) => R, arg?: A): Promise<R>;
  /** Runs a script's source in the page from outside it, as a devtools console would: page CSP does not apply. */
  addScript(source: string): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** Resizes the viewport: the panel is as wide as the user drags it (and as tall as the window, 720 px unless told). */
  setWidth(width: number, height?: number): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionDriver {
  name: BrowserName;
  openOptions(): Promise<UiPage>;
  /** The side panel's page, opened in a tab of its own. */
  openPanel(): Promise<UiPage>;
  /**
   * Everything the extension's pages and background printed to the console so far, where the
   * automation library can see the background (Chromium's service worker; Firefox's event page
   * is out of BiDi's reach).
   */
  extensionConsole?(): string[];
  /** A web page in a new tab, in front. */
  openWebPage(url: string): Promise<UiPage>;
  /** Clicks Sidechat's toolbar button over the tab showing `url`, and returns the panel to drive. */
  openPanelFromToolbar(url: string): Promise<UiPage>;
  /** The side panel's page in a new browser window: a second conversation beside the first. */
  openPanelInNewWindow?(): Promise<UiPage>;
  /**
   * Stops the extension's background the way the browser stops an idle one: Chrome's service
   * worker, Firefox's event page. Resolves once it has stopped.
   */
  stopBackground?(): Promise<void>;
  /**
   * Quits the browser and starts it again on the same profile, as a user does (Chromium only:
   * Firefox drops a temporary add-on, and its data, when it quits). Pages opened before are gone.
   */
  restartBrowser?(): Promise<void>;
  /** Picks "Ask Sidechat about the selection" from the context menu of the tab showing `url`. */
  chooseSelectionMenu(url: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A missing build or browser must fail the run, never skip it. */
export function requireFile(path: string, hint: string): string {
  if (!existsSync(path)) throw new Error(`${path} does not exist — ${hint}`);
  return path;
}

/** Page-side summary of the panel, appended to timeout errors so a failure says what was on screen. */
export function describePage(): string {
  const messages = [...document.querySelectorAll<HTMLElement>('[data-author]')].map((m) => {
    const text = (m.querySelector('.text')?.textContent ?? '').slice(0, 120);
    const extra = [...m.querySelectorAll('.call-label, .call-note, .note, [role=alert], .usage')].map((e) => e.textContent).join(' | ');
    return `${m.dataset.author}[${m.dataset.state ?? '-'}] "${text}"${extra ? ` {${extra}}` : ''}`;
  });
  const status = document.querySelector('[role=status]')?.textContent;
  return messages.length ? messages.join('\n') : `${location.pathname}${status ? ` status="${status}"` : ''}`;
}

/** Runs a wait; on failure, says what was awaited and what the page showed instead. */
export async function waitWithMessage<R>(wait: () => Promise<R>, readPage: () => Promise<string>, { what, timeoutMs = DEFAULT_TIMEOUT_MS }: WaitOptions): Promise<R> {
  try {
    return await wait();
  } catch (error) {
    const seen = await readPage().catch(() => '(page unavailable)');
    throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.\nOn the page:\n${seen}`, { cause: error });
  }
}
