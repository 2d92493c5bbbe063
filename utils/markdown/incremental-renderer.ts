/**
 * A reply's markdown in a container, kept up to date as the reply grows: complete blocks are
 * rendered once and stay; only the blocks still growing are rendered again, and never more
 * than a frame's budget at a time (render-pacer.ts). A run of text too long to lex again for
 * every piece (block-splitter.ts) is shown as plain text, appended to, in elements of RUN_CHUNK
 * characters. When the text is replaced rather than appended to (the caller says which), the
 * complete blocks before the first change stay and the rest is rendered again. Code blocks are
 * highlighted once they are complete. Clicks on the blocks' Copy and Load image buttons are
 * handled here too.
 */
import type { Token } from 'marked';
import { copyText, COPY_FEEDBACK_MS } from '../panel/clipboard';
import { createBlockSegments } from './block-segments';
import { t } from '../i18n';
import { createBlockSplitter, isRawRun, type Block, type SplitterLimits } from './block-splitter';
import type { RawRun } from './raw-runs';
import { renderBlock } from './dom-builder';
import { safeImageUrl } from './urls';
import { createRenderPacer, type FrameScheduler } from './render-pacer';
import type { TextChange } from '../contract/reply-reducer';

/** A reply's text on screen, told how the text changes. */
export interface TextView {
  update(change: TextChange): void;
  /** The text is final: the growing block is complete. `onShown` is called once all of it is on screen. */
  finish(onShown?: () => void): void;
  /** Puts all of the text given so far on screen now, in one go (Stop). */
  flush(): void;
  destroy(): void;
}

export interface MarkdownViewOptions {
  /** Called for each complete code block with a language; default: lazy syntax highlighting. */
  highlight?: (code: HTMLElement, language: string) => void;
  /** Spreads a large backlog over frames; without it (unit tests) every update renders whole. */
  nextFrame?: FrameScheduler;
  /** Tests make runs out of small texts with these. */
  limits?: SplitterLimits;
}

/** A raw run's text goes into elements of about this many characters: an append lays out one. */
const RUN_CHUNK = 16 * 1024;
export const RUN_CLASS = 'md-raw';

interface Growing {
  raw: string;
  node: Node | null;
}

interface OpenRun {
  start: number;
  /** Characters of the run on screen. */
  shown: number;
  /** Its elements in the container. */
  elements: number;
  code: boolean;
  last: Text | null;
}

export function createMarkdownView(container: HTMLElement, options: MarkdownViewOptions = {}): TextView {
  const highlight = options.highlight ?? highlightLazily;
  const splitter = createBlockSplitter(options.limits);
  const pacer = createRenderPacer(show, { nextFrame: options.nextFrame, rewind });
  const blocks = createBlockSegments(container);
  /** Per complete block of the splitter: how many elements the container holds up to its end. */
  let counts: number[] = [];
  let growing: Growing[] = [];
  let run: OpenRun | null = null;
  let latest = '';
  const settled = new WeakSet<Element>();

  function show(text: string): number {
    latest = text;
    const change = splitter.update(text);
    if (change.reset) {
      clear();
      return 0;
    }
    const first = change.completed[0] ?? change.growing[0];
    if (run && !(first && isRawRun(first) && first.start === run.start)) dropRun();
    if (change.completed.length === 0 && !run && sameRaw(growing, change.growing)) return text.length;
    const previous = growing;
    blocks.truncate(blocks.count - previous.filter((block) => block.node).length);
    growing = [];
    change.completed.forEach((block, i) => {
      if (isRawRun(block)) {
        appendRun(block);
        run = null;
      } else {
        // The block that was growing last time is often complete now, unchanged: keep its nodes.
        const node = previous[i]?.raw === block.raw ? previous[i].node : render(block);
        if (node) blocks.append(node);
        settle(node);
      }
      counts.push(blocks.count);
    });
    showGrowing(change.growing);
    return text.length;
  }

  function showGrowing(blocksGrowing: Block[]): void {
    for (const block of blocksGrowing) {
      if (isRawRun(block)) {
        appendRun(block);
        continue;
      }
      const node = render(block);
      growing.push({ raw: block.raw, node });
      if (node) blocks.append(node);
    }
  }

  function appendRun(block: RawRun): void {
    run ??= { start: block.start, shown: 0, elements: 0, code: block.code, last: null };
    let rest = block.raw.slice(run.shown);
    while (rest) {
      if (!run.last || run.last.length >= RUN_CHUNK) {
        const element = document.createElement('div');
        element.className = run.code ? `${RUN_CLASS} code` : RUN_CLASS;
        run.last = element.appendChild(document.createTextNode(''));
        blocks.append(element);
        run.elements++;
      }
      const piece = cut(rest, RUN_CHUNK - run.last.length);
      run.last.appendData(piece);
      run.shown += piece.length;
      rest = rest.slice(piece.length);
    }
  }

  function dropRun(): void {
    blocks.truncate(blocks.count - run!.elements);
    run = null;
  }

  function clear(): void {
    blocks.clear();
    counts = [];
    growing = [];
    run = null;
  }

  /** The text changed after `common` characters: keeps the complete blocks before the change. */
  function rewind(common: number): number {
    const offset = splitter.rewind(common);
    const kept = splitter.count();
    if (kept === 0) clear();
    else {
      blocks.truncate(counts[kept - 1]);
      counts.length = kept;
      growing = [];
      run = null;
    }
    return offset;
  }

  function finish(onShown?: () => void): void {
    pacer.whenCaughtUp(() => {
      // A raw run that has stayed small enough reads as markdown now; more text would undo that.
      const tokens = run ? splitter.settle(latest) : null;
      if (tokens) {
        dropRun();
        showGrowing(tokens);
      }
      for (const { node } of growing) settle(node);
      onShown?.();
    });
  }

  function settle(node: Node | null): void {
    if (!(node instanceof Element)) return;
    for (const code of node.querySelectorAll<HTMLElement>('code[data-lang]')) {
      if (settled.has(code)) continue;
      settled.add(code);
      highlight(code, code.dataset.lang!);
    }
  }

  container.addEventListener('click', onAction);
  return { update: pacer.update, finish, flush: pacer.flush, destroy: () => container.removeEventListener('click', onAction) };
}

/** At most `room` characters of `text`, or a little more to end at a white space (within 1 KB). */
function cut(text: string, room: number): string {
  if (text.length <= room) return text;
  const space = text.slice(room, room + 1024).search(/\s/);
  let end = space >= 0 ? room + space + 1 : room;
  // Never half of a surrogate pair.
  if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--;
  return text.slice(0, Math.max(end, 1));
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

function sameRaw(current: Growing[], next: Block[]): boolean {
  return current.length === next.length && current.every((block, i) => !isRawRun(next[i]) && block.raw === next[i].raw);
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
