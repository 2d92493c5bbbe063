/**
 * Getting at the page the panel belongs to, in the background: which tab, whether it can be read
 * at all, and running the reader in it. Access comes from the user's click (activeTab) or a host
 * permission; without either the browser hides the tab's URL too, so there is nothing to ask for
 * but another click on the page.
 */
import { browser } from 'wxt/browser';
import { t } from '../../i18n';
import type { PageContext } from '../../contract/sidechat-wire';
import { panelTab } from '../panel-tab';
import type { PageRequest } from '../../contract/page-functions';
import { PDF_MARKER, type PageOutcome, type PageResult } from '../../contract/page-reader';

/** A page Sidechat can't read, in words for the user (and the model). */
export class PageAccessError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PageAccessError';
  }
}

export interface ReadablePage {
  tabId: number;
  url: string;
  title: string;
  /** The origin consent is given for: `https://example.com`, or `file://` for local files. */
  site: string;
}

/** Browsers keep extensions out of their own pages and their add-on stores. */
const STORE_HOSTS = ['chromewebstore.google.com', 'chrome.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com'];

export function unreadableReason(url: string): string | undefined {
  const { protocol, hostname } = new URL(url);
  if (!['http:', 'https:', 'file:'].includes(protocol)) {
    return t('pageBrowserPage', protocol);
  }
  if (STORE_HOSTS.includes(hostname)) return t('pageStore');
  return undefined;
}

export function siteOf(url: string): string {
  const { protocol, origin } = new URL(url);
  return protocol === 'file:' ? 'file://' : origin;
}

/** The panel's page, with the reader installed in it; throws PageAccessError when it can't be read. */
export async function openPage(windowId: number): Promise<ReadablePage> {
  const tab = await panelTab(windowId).catch((error: Error) => {
    throw new PageAccessError(error.message);
  });
  if (tab.id === undefined || !tab.url) throw new PageAccessError(t('pageNoAccess'));
  const reason = unreadableReason(tab.url);
  if (reason) throw new PageAccessError(reason);
  try {
    await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/page-reader.js'] });
  } catch (error) {
    throw new PageAccessError(injectionFailure(tab.url, error));
  }
  return { tabId: tab.id, url: tab.url, title: tab.title ?? '', site: siteOf(tab.url) };
}

export function readPage(page: ReadablePage, request: PageRequest): Promise<PageResult> {
  return inPage(page, (req: PageRequest) => globalThis.sidechatPageReader?.run(req), [request]);
}

export function readShareContext(page: ReadablePage): Promise<PageContext> {
  return inPage(page, () => globalThis.sidechatPageReader?.share(), []);
}

async function inPage<A extends unknown[], T>(page: ReadablePage, func: (...args: A) => PageOutcome<T> | undefined, args: A): Promise<T> {
  let outcome: PageOutcome<T> | undefined;
  try {
    // A function, serialised into the page: it may only use its arguments and the page's globals.
    const [frame] = await browser.scripting.executeScript({ target: { tabId: page.tabId }, func: func as (...args: unknown[]) => unknown, args: args as never });
    outcome = frame?.result as PageOutcome<T> | undefined;
  } catch (error) {
    throw new PageAccessError(injectionFailure(page.url, error));
  }
  if (!outcome) throw new PageAccessError(t('pageChanged'));
  if (!outcome.ok) {
    throw new PageAccessError(outcome.error === PDF_MARKER ? t('pagePdf') : t('pageReadFailed', outcome.error));
  }
  return outcome.value;
}

function injectionFailure(url: string, error: unknown): string {
  const detail = (error as Error)?.message ?? String(error);
  if (/no tab with id|tab .* not found|invalid tab/i.test(detail)) return t('pageTabClosed');
  if (url.startsWith('file:')) return t('pageFileAccess');
  if (/permission|cannot access|can't access|missing host/i.test(detail)) return t('pageNoAccess');
  return t('pageCouldNotRead', detail);
}
