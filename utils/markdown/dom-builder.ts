/**
 * marked's tokens → DOM nodes, built one element at a time. No HTML string is ever parsed, so
 * model output can only produce the elements and attributes written below: raw HTML in the
 * markdown is shown as text, links are live only for http(s) and mailto, and images are a
 * button the user presses to load them.
 */
import type { Token, Tokens } from 'marked';
import { decodeEntities } from './html-entities';
import { t } from '../i18n';
import { safeImageUrl, safeLinkUrl } from './urls';

/** One top-level token → at most one node (spaces and link definitions render nothing). */
export function renderBlock(token: Token): Node | null {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'space':
    case 'def':
      return null;
    case 'paragraph':
      return inlineInto(el('p'), t.tokens);
    case 'heading':
      return inlineInto(el(`h${(token as Tokens.Heading).depth}`), t.tokens);
    case 'code':
      return codeBlock(token as Tokens.Code);
    case 'blockquote':
      return blocksInto(el('blockquote'), t.tokens);
    case 'list':
      return list(token as Tokens.List);
    case 'table':
      return table(token as Tokens.Table);
    case 'hr':
      return el('hr');
    case 'html':
      // Shown as the text it is; white-space: pre-wrap keeps its lines.
      return text(el('p', 'raw-html'), (token as Tokens.HTML).text.replace(/\n+$/, ''));
    case 'text':
      // A tight list item's content: inline, with no paragraph around it.
      return t.tokens ? inlineInto(document.createDocumentFragment(), t.tokens) : document.createTextNode(decodeEntities(t.text));
    case 'checkbox':
      return checkbox(token as Tokens.Checkbox);
    default:
      return document.createTextNode(token.raw);
  }
}

export function blocksInto<T extends Node>(parent: T, tokens: Token[] | undefined): T {
  for (const token of tokens ?? []) {
    const node = renderBlock(token);
    if (node) parent.appendChild(node);
  }
  return parent;
}

function inlineInto<T extends Node>(parent: T, tokens: Token[] | undefined, inLink = false): T {
  for (const token of tokens ?? []) appendInline(parent, token, inLink);
  return parent;
}

function appendInline(parent: Node, token: Token, inLink: boolean): void {
  const t = token as Tokens.Generic;
  switch (token.type) {
    case 'text':
      if (t.tokens) inlineInto(parent, t.tokens, inLink);
      else parent.appendChild(document.createTextNode(t.escaped ? t.text : decodeEntities(t.text)));
      return;
    case 'escape':
    case 'html':
      parent.appendChild(document.createTextNode(t.text));
      return;
    case 'strong':
    case 'em':
    case 'del':
      parent.appendChild(inlineInto(el(token.type), t.tokens, inLink));
      return;
    case 'codespan':
      parent.appendChild(text(el('code'), t.text));
      return;
    case 'br':
      parent.appendChild(el('br'));
      return;
    case 'link':
      parent.appendChild(link(token as Tokens.Link, inLink));
      return;
    case 'image':
      parent.appendChild(image(token as Tokens.Image, inLink));
      return;
    case 'checkbox':
      parent.appendChild(checkbox(token as Tokens.Checkbox));
      return;
    default:
      parent.appendChild(document.createTextNode(token.raw));
  }
}

function link(token: Tokens.Link, inLink: boolean): Node {
  // Autolinks are literal: CommonMark resolves no character references in them.
  const href = inLink ? undefined : safeLinkUrl(token.autolink ? token.href : decodeEntities(token.href));
  if (!href) return inlineInto(document.createDocumentFragment(), token.tokens, inLink);
  const anchor = inlineInto(el('a'), token.tokens, true);
  anchor.href = href;
  anchor.target = '_blank';
  anchor.rel = 'noopener noreferrer';
  if (token.title) anchor.title = decodeEntities(token.title);
  return anchor;
}

/** An image URL can carry data out, so nothing is fetched until the user asks. */
function image(token: Tokens.Image, inLink: boolean): Node {
  const alt = plainText(token.tokens) || decodeEntities(token.text);
  const src = safeImageUrl(decodeEntities(token.href));
  if (!src || inLink) return text(el('span', 'image-alt'), alt ? t('imageRefused', alt) : t('imageRefusedUnnamed'));
  const button = text(el('button', 'image-load'), alt ? t('imageLoad', alt) : t('imageLoadFrom', new URL(src).host));
  button.type = 'button';
  button.title = src;
  button.dataset.action = 'load-image';
  button.dataset.src = src;
  button.dataset.alt = alt;
  return button;
}

function codeBlock(token: Tokens.Code): Node {
  const lang = languageOf(token.lang);
  const header = el('div', 'code-header');
  header.appendChild(text(el('span', 'code-lang'), lang || t('codePlainLabel')));
  const copy = text(el('button', 'copy-code'), t('copyCode'));
  copy.type = 'button';
  copy.dataset.action = 'copy-code';
  header.appendChild(copy);
  const code = text(el('code'), token.text);
  if (lang) code.dataset.lang = lang;
  const block = el('div', 'code-block');
  block.append(header, el('pre'));
  block.lastChild!.appendChild(code);
  return block;
}

/** The info string's first word, kept to the characters language names use. */
function languageOf(info: string | undefined): string {
  return (info ?? '').trim().split(/\s/, 1)[0].replace(/[^\w+#.-]/g, '').slice(0, 40).toLowerCase();
}

function list(token: Tokens.List): Node {
  const node = el(token.ordered ? 'ol' : 'ul');
  if (token.ordered && token.start !== '' && token.start !== 1) node.setAttribute('start', String(token.start));
  for (const item of token.items) {
    const li = blocksInto(el('li', item.task ? 'task' : undefined), item.tokens);
    node.appendChild(li);
  }
  return node;
}

function table(token: Tokens.Table): Node {
  const head = el('thead');
  head.appendChild(row(token.header, 'th'));
  const tableNode = el('table');
  tableNode.appendChild(head);
  if (token.rows.length > 0) {
    const body = el('tbody');
    for (const cells of token.rows) body.appendChild(row(cells, 'td'));
    tableNode.appendChild(body);
  }
  // Wide tables scroll inside the narrow panel instead of widening it.
  const scroller = el('div', 'table-scroll');
  scroller.appendChild(tableNode);
  return scroller;
}

function row(cells: Tokens.TableCell[], tag: 'th' | 'td'): Node {
  const tr = el('tr');
  for (const cell of cells) {
    const node = inlineInto(el(tag), cell.tokens);
    if (cell.align) node.style.textAlign = cell.align;
    tr.appendChild(node);
  }
  return tr;
}

function checkbox(token: Tokens.Checkbox): Node {
  const box = el('input');
  box.type = 'checkbox';
  box.disabled = true;
  box.defaultChecked = token.checked;
  return box;
}

/** What the tokens say as plain text, for alt text. */
function plainText(tokens: Token[] | undefined): string {
  return inlineInto(document.createDocumentFragment(), tokens, true).textContent ?? '';
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string): HTMLElementTagNameMap[K];
function el(tag: string, className?: string): HTMLElement;
function el(tag: string, className?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  return node;
}

function text<T extends Node>(node: T, value: string): T {
  node.textContent = value;
  return node;
}
