/**
 * What runs inside the page (bundled into the injected `page-reader.js`, and unit-tested on
 * saved pages): the readable content with @mozilla/readability, as Markdown within a size budget,
 * the selection, and search. Plain DOM
 * reading: nothing here changes the page or sends anything anywhere.
 */
import { Readability } from '@mozilla/readability';
import type { PageContext } from '../contract/sidechat-wire';
import { PDF_MARKER, type PageOutcome, type PageReader, type PageResult } from '../contract/page-reader';
import type { PageRequest } from '../contract/page-functions';
import { PAGE_TEXT_LIMIT, SELECTION_LIMIT, type FindResult, type PageContextResult, type SelectionResult } from '../contract/function-results';
import { cutToBudget } from './markdown-budget';
import { toMarkdown } from './page-markdown';

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME']);
const PARAGRAPHS = new Set(['P', 'DIV', 'SECTION', 'ARTICLE', 'MAIN', 'HEADER', 'FOOTER', 'ASIDE', 'NAV', 'BLOCKQUOTE', 'PRE', 'FIGURE', 'FIGCAPTION', 'TABLE', 'UL', 'OL', 'DL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HR']);
const LINES = new Set(['LI', 'TR', 'DT', 'DD', 'BR']);

export function runPageFunction(request: PageRequest, doc: Document): PageResult {
  switch (request.name) {
    case 'get_page_context':
      return readPageContext(doc);
    case 'get_selection':
      return readSelection(doc);
    case 'find_in_page':
      return findPassages(visibleText(doc), request.args.query);
  }
}

export function readPageContext(doc: Document): PageContextResult {
  if (doc.contentType === 'application/pdf') throw new Error(PDF_MARKER);
  // Readability rearranges the document it is given: give it a copy, never the page itself.
  // Classes kept: `language-…` on <code> becomes the fence's language.
  const article = new Readability<Node>(doc.cloneNode(true) as Document, { keepClasses: true, serializer: (node) => node }).parse();
  const content = article?.content ?? doc.body;
  const markdown = content ? toMarkdown(content) : '';
  const text = cutToBudget(markdown, PAGE_TEXT_LIMIT);
  return {
    url: doc.URL,
    title: (article?.title || doc.title).trim(),
    lang: doc.documentElement.lang || article?.lang || '',
    description: metaContent(doc, 'description') || metaContent(doc, 'og:description') || article?.excerpt || '',
    selection: selectedText(doc).text,
    text: text.text,
    truncated: text.truncated,
    fullLength: markdown.length,
  };
}

export function readSelection(doc: Document): SelectionResult {
  return { url: doc.URL, ...selectedText(doc) };
}

/** The light context "Share this page" sends: where the user is, and what they selected. */
export function readShareContext(doc: Document): PageContext {
  const selection = selectedText(doc).text;
  return { url: doc.URL, title: doc.title.trim(), ...(selection ? { selection } : {}) };
}

/** Every case-insensitive match of `query` (its spaces matching any whitespace), with text around the first few. */
export function findPassages(text: string, query: string, { around = 80, max = 10 } = {}): FindResult {
  const flat = text.replace(/\s+/g, ' ');
  const pattern = new RegExp(query.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'), 'giu');
  const passages: string[] = [];
  let total = 0;
  for (const match of flat.matchAll(pattern)) {
    total++;
    if (passages.length < max) passages.push(passageAround(flat, match.index, match[0].length, around));
  }
  return { query, total, passages };
}

function passageAround(text: string, at: number, length: number, around: number): string {
  let start = Math.max(0, at - around);
  let end = Math.min(text.length, at + length + around);
  // Whole words only at the cut ends.
  if (start > 0) start = Math.min(at, text.indexOf(' ', start) + 1 || at);
  if (end < text.length) end = Math.max(at + length, text.lastIndexOf(' ', end));
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}

/** What the user sees: innerText follows CSS (hidden text is left out); DOMs without it get the block walk. */
function visibleText(doc: Document): string {
  const body = doc.body;
  if (!body) return '';
  return typeof body.innerText === 'string' ? body.innerText : blockText(body);
}

/** Selected text, including inside a text field — never a password field. */
function selectedText(doc: Document): { text: string; truncated: boolean } {
  const field = doc.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  const isTextField = field?.tagName === 'TEXTAREA' || (field?.tagName === 'INPUT' && field.type !== 'password');
  const raw = isTextField ? field.value.slice(field.selectionStart ?? 0, field.selectionEnd ?? 0) : (doc.getSelection()?.toString() ?? '');
  return capped(raw.trim(), SELECTION_LIMIT);
}

/** Text with paragraph breaks where the layout has them, which textContent loses. */
export function blockText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node, preformatted: boolean) => {
    if (node.nodeType === 3) {
      // Line breaks in the HTML source are spaces on screen, except in <pre>.
      const text = node.textContent ?? '';
      parts.push(preformatted ? text : text.replace(/\s+/g, ' '));
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = (node as Element).tagName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    const gap = PARAGRAPHS.has(tag) ? '\n\n' : LINES.has(tag) ? '\n' : '';
    parts.push(gap);
    node.childNodes.forEach((child) => walk(child, preformatted || tag === 'PRE'));
    parts.push(gap);
  };
  walk(root, false);
  return parts.join('');
}

/** At most `limit` characters, cut at a word boundary. */
export function capped(text: string, limit: number): { text: string; truncated: boolean } {
  if (text.length <= limit) return { text, truncated: false };
  const cut = text.lastIndexOf(' ', limit);
  return { text: text.slice(0, cut > limit * 0.8 ? cut : limit).trimEnd(), truncated: true };
}

function metaContent(doc: Document, name: string): string {
  const meta = doc.querySelector(`meta[name="${name}"], meta[property="${name}"]`);
  return meta?.getAttribute('content')?.trim() ?? '';
}

export function createPageReader(doc: Document): PageReader {
  const attempt = <T>(read: () => T): PageOutcome<T> => {
    try {
      return { ok: true, value: read() };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };
  return { run: (request) => attempt(() => runPageFunction(request, doc)), share: () => attempt(() => readShareContext(doc)) };
}
