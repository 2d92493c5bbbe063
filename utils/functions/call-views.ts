/**
 * How each step of a function call reads in the panel: a one-line label, and what was shared
 * in full behind it. Page text is shown as text, never as HTML.
 */
import type { CallView } from '../port-messages';
import type { FunctionCall, PageContext } from '../protocol';
import type { ValidCall } from './registry';
import type { PageResult } from './page-reader-contract';
import { PAGE_TEXT_LIMIT, type FindResult, type PageContextResult, type SelectionResult } from './results';
import type { ReadablePage } from './page-access';

const numberFormat = new Intl.NumberFormat('en-US');

export function runningView(call: ValidCall): CallView {
  const label = call.name === 'find_in_page' ? `Searching this page for “${call.args.query}”…` : call.name === 'get_selection' ? 'Reading the selection…' : 'Reading this page…';
  return { id: call.id, name: call.name, status: 'running', label };
}

export function askingView(call: ValidCall, page: ReadablePage): CallView {
  const what =
    call.name === 'find_in_page' ? `where “${call.args.query}” appears on this page` : call.name === 'get_selection' ? 'the text you selected on this page' : 'the text of this page';
  return {
    ...runningView(call),
    status: 'asking',
    label: 'Sidechat wants to read this page',
    ask: { site: page.site, pageTitle: page.title || page.url, what },
  };
}

export function declinedView(call: Pick<FunctionCall, 'id' | 'name'>): CallView {
  return { id: call.id, name: call.name, status: 'declined', label: 'Not shared — you declined' };
}

export function failedView(call: Pick<FunctionCall, 'id' | 'name'>, note: string): CallView {
  return { id: call.id, name: call.name, status: 'failed', label: `Could not run ${call.name}`, note };
}

export function doneView(call: ValidCall, result: PageResult, page: ReadablePage): CallView {
  const base = { id: call.id, name: call.name, status: 'done' as const };
  switch (call.name) {
    case 'get_page_context': {
      const context = result as PageContextResult;
      return { ...base, label: `Shared “${context.title || page.title || page.url}”`, shared: describeContext(context) };
    }
    case 'get_selection': {
      const selection = result as SelectionResult;
      return { ...base, label: selection.text ? 'Shared the selection' : 'Shared the selection (nothing is selected)', shared: `URL: ${selection.url}\n\n${selection.text}` };
    }
    case 'find_in_page': {
      const found = result as FindResult;
      return { ...base, label: `Searched this page for “${found.query}”: ${matches(found.total)}`, shared: describeFound(found) };
    }
  }
}

/** "Share this page", shown like a call so the user sees what went with the message. */
export function sharedContextView(context: PageContext): CallView {
  const lines = [`URL: ${context.url}`, `Title: ${context.title}`, ...(context.selection ? [`Selection: ${context.selection}`] : [])];
  return { id: 'shared-page', name: 'share_page', status: 'done', label: `Shared “${context.title || context.url}” with this message`, shared: lines.join('\n') };
}

export function shareFailedView(note: string): CallView {
  return { id: 'shared-page', name: 'share_page', status: 'failed', label: 'Could not share this page; the message went without it', note };
}

function describeContext(context: PageContextResult): string {
  const header = [
    `URL: ${context.url}`,
    `Title: ${context.title}`,
    context.lang && `Language: ${context.lang}`,
    context.description && `Description: ${context.description}`,
    context.selection && `Selection: ${context.selection}`,
  ].filter(Boolean);
  const cut = context.truncated ? `\n\n[cut at ${numberFormat.format(PAGE_TEXT_LIMIT)} characters]` : '';
  return `${header.join('\n')}\n\n${context.text}${cut}`;
}

function describeFound(found: FindResult): string {
  return [`“${found.query}”: ${matches(found.total)}`, ...found.passages.map((passage, i) => `${i + 1}. ${passage}`)].join('\n\n');
}

function matches(total: number): string {
  return total === 1 ? '1 match' : `${numberFormat.format(total)} matches`;
}
