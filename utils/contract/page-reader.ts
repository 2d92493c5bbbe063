/**
 * What the background and the injected page reader agree on. Kept apart from the reader itself,
 * so the background doesn't bundle Readability.
 */
import type { PageContext } from './sidechat-wire';
import type { PageRequest } from './page-functions';
import type { FindResult, PageContextResult, SelectionResult } from './function-results';

export type PageResult = PageContextResult | SelectionResult | FindResult;

/** The reader's error for a PDF viewer's document, which the background turns into words. */
export const PDF_MARKER = 'sidechat:pdf';

/** Errors cross from the page as values: browsers differ in how a throwing injected function reports. */
export type PageOutcome<T> = { ok: true; value: T } | { ok: false; error: string };

export interface PageReader {
  run(request: PageRequest): PageOutcome<PageResult>;
  share(): PageOutcome<PageContext>;
}

declare global {
  /** Installed in the extension's isolated world of the page by page-reader.js; the page's own scripts can't see it. */
  var sidechatPageReader: PageReader | undefined;
}
