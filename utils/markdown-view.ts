/**
 * A reply's markdown in a container, kept up to date as the reply grows: complete blocks are
 * rendered once and stay; only the block still growing is rendered again, and never more
 * than a frame's budget at a time (utils/render-pacer.ts). Code blocks are highlighted once
 * they are complete. Clicks on the blocks' Copy and Load image buttons are handled here too.
 */
import type { Token } from 'marked';
import { copyText, COPY_FEEDBACK_MS } from './clipboard';
import { createBlockSegments } from './block-segments';
import { t } from './i18n';
import { createBlockSplitter } from './markdown-blocks';
import { renderBlock } from './markdown-dom';
import { safeImageUrl } from './markdown-urls';
import { createRenderPacer } from './render-pacer';
import type { FrameScheduler } from './chunk-coalescer';

export interface TextView {
  update(text: string): void;
  /** The text is final: the growing block is complete. */
  finish(): void;
  destroy(): void;
}

export interface MarkdownViewOptions {
  /** Called for each complete code block with a language; default: lazy syntax highlighting. */
  highlight?: (code: HTMLElement, language: string) => void;
  /** Spreads a large backlog over frames; without it (unit tests) every update renders whole. */
  nextFrame?: FrameScheduler;
}

interface Growing {
  raw: string;
  node: Node | null;
}

export function createMarkdownView(container: HTMLElement, options: MarkdownViewOptions = {}): TextView {
  const highlight = options.highlight ?? highlightLazily;
  const splitter = createBlockSplitter();
  const pacer = createRenderPacer(show, { nextFrame: options.nextFrame });
  const blocks = createBlockSegments(container);
  let growing: Growing[] = [];

  function show(text: string): void {
    const change = splitter.update(text);
    if (change.reset) {
      blocks.clear();
      growing = [];
    }
    if (change.completed.length === 0 && sameRaw(growing, change.growing)) return;
    const previous = growing;
    blocks.truncate(blocks.count - previous.filter((block) => block.node).length);
    change.completed.forEach((token, i) => {
      // The block that was growing last time is often complete now, unchanged: keep its nodes.
      const node = previous[i]?.raw === token.raw ? previous[i].node : render(token);
      if (node) blocks.append(node);
      settle(node);
    });
    growing = change.growing.map((token) => ({ raw: token.raw, node: render(token) }));
    for (const { node } of growing) if (node) blocks.append(node);
  }

  function finish(): void {
    pacer.whenCaughtUp(() => {
      for (const { node } of growing) settle(node);
      growing = [];
    });
  }

  function settle(node: Node | null): void {
    if (!(node instanceof Element)) return;
    for (const code of node.querySelectorAll<HTMLElement>('code[data-lang]')) highlight(code, code.dataset.lang!);
  }

  container.addEventListener('click', onAction);
  return { update: pacer.update, finish, destroy: () => container.removeEventListener('click', onAction) };
}

function render(token: Token): Node | null {
  const node = renderBlock(token);
  // A fragment would scatter into the container and could not be taken out again.
  if (node instanceof DocumentFragment) {
    const wrapper = document.createElement('div');
    wrapper.appendChild(node);
    return wrapper;
  }
  return node;
}

function sameRaw(current: Growing[], next: Token[]): boolean {
  return current.length === next.length && current.every((block, i) => block.raw === next[i].raw);
}

function onAction(event: MouseEvent): void {
  const button = (event.target as Element).closest?.<HTMLButtonElement>('button[data-action]');
  if (!button) return;
  if (button.dataset.action === 'copy-code') void copyCode(button);
  else if (button.dataset.action === 'load-image') loadImage(button);
}

async function copyCode(button: HTMLButtonElement): Promise<void> {
  const code = button.closest('.code-block')?.querySelector('code')?.textContent ?? '';
  button.textContent = await copyText(code);
  setTimeout(() => (button.textContent = t('copyCode')), COPY_FEEDBACK_MS);
}

/** The user asked for this image: only now is it fetched, without a referrer. */
function loadImage(button: HTMLButtonElement): void {
  const src = safeImageUrl(button.dataset.src ?? '');
  if (!src) return;
  const image = document.createElement('img');
  image.referrerPolicy = 'no-referrer';
  image.alt = button.dataset.alt ?? '';
  image.src = src;
  button.replaceWith(image);
}

// Not destructured: WXT's auto-import would read the name as a global and import it statically.
function highlightLazily(code: HTMLElement, language: string): void {
  void import('./code-highlight').then((highlighter) => highlighter.highlightSoon(code, language));
}
