/**
 * How each step of a function call reads in the panel: a one-line label, and what was shared
 * in full behind it. Page text is shown as text, never as HTML.
 */
import { t } from '../../i18n';
import type { CallView } from '../../contract/port-messages';
import type { FunctionCall, PageContext } from '../../contract/sidechat-wire';
import type { ValidCall } from '../../contract/page-functions';
import type { PageResult } from '../../contract/page-reader';
import { PAGE_TEXT_LIMIT, type FindResult, type PageContextResult, type SelectionResult } from '../../contract/function-results';
import type { ReadablePage } from './page-access';

const numberFormat = new Intl.NumberFormat('en-US');

export function runningView(call: ValidCall): CallView {
  const label = call.name === 'find_in_page' ? t('callSearching', call.args.query) : call.name === 'get_selection' ? t('callReadingSelection') : t('callReadingPage');
  return { id: call.id, name: call.name, status: 'running', label };
}

export function askingView(call: ValidCall, page: ReadablePage): CallView {
  const what = call.name === 'find_in_page' ? t('consentWhatFind', call.args.query) : call.name === 'get_selection' ? t('consentWhatSelection') : t('consentWhatPage');
  return {
    ...runningView(call),
    status: 'asking',
    label: t('callAsking'),
    ask: { site: page.site, pageTitle: page.title || page.url, what },
  };
}

export function declinedView(call: Pick<FunctionCall, 'id' | 'name'>): CallView {
  return { id: call.id, name: call.name, status: 'declined', label: t('callDeclined') };
}

export function failedView(call: Pick<FunctionCall, 'id' | 'name'>, note: string): CallView {
  return { id: call.id, name: call.name, status: 'failed', label: t('callFailed', call.name), note };
}

export function doneView(call: ValidCall, result: PageResult, page: ReadablePage): CallView {
  const base = { id: call.id, name: call.name, status: 'done' as const };
  switch (call.name) {
    case 'get_page_context': {
      const context = result as PageContextResult;
      return { ...base, label: sharedPageLabel(context.title || page.title || page.url, context), shared: describeContext(context) };
    }
    case 'get_selection': {
      const selection = result as SelectionResult;
      return { ...base, label: selection.text ? t('callSharedSelection') : t('callSharedNoSelection'), shared: `${t('sharedUrl', selection.url)}\n\n${selection.text}` };
    }
    case 'find_in_page': {
      const found = result as FindResult;
      return { ...base, label: t('callSearched', found.query, matches(found.total)), shared: describeFound(found) };
    }
  }
}

/** "Share this page", shown like a call so the user sees what went with the message. */
export function sharedContextView(context: PageContext): CallView {
  const lines = [t('sharedUrl', context.url), t('sharedTitle', context.title), ...(context.selection ? [t('sharedSelection', context.selection)] : [])];
  return { id: 'shared-page', name: 'share_page', status: 'done', label: t('callSharedWithMessage', context.title || context.url), shared: lines.join('\n') };
}

export function shareFailedView(note: string): CallView {
  return { id: 'shared-page', name: 'share_page', status: 'failed', label: t('callShareFailed'), note };
}

function describeContext(context: PageContextResult): string {
  const header = [
    t('sharedUrl', context.url),
    t('sharedTitle', context.title),
    context.lang && t('sharedLanguage', context.lang),
    context.description && t('sharedDescription', context.description),
    context.selection && t('sharedSelection', context.selection),
  ].filter(Boolean);
  const cut = context.truncated ? `\n\n${t('sharedCut', numberFormat.format(context.text.length), numberFormat.format(context.fullLength ?? PAGE_TEXT_LIMIT))}` : '';
  return `${header.join('\n')}\n\n${context.text}${cut}`;
}

/** "Shared “Title” — 12,400 of 48,000 characters": how much of the page went, against the budget's cut. */
function sharedPageLabel(title: string, context: PageContextResult): string {
  const shared = numberFormat.format(context.text.length);
  return context.truncated && context.fullLength ? t('callSharedPageCut', title, shared, numberFormat.format(context.fullLength)) : t('callSharedPageSize', title, shared);
}

function describeFound(found: FindResult): string {
  return [`“${found.query}”: ${matches(found.total)}`, ...found.passages.map((passage, i) => `${i + 1}. ${passage}`)].join('\n\n');
}

function matches(total: number): string {
  return total === 1 ? t('matchesOne') : t('matchesMany', numberFormat.format(total));
}
