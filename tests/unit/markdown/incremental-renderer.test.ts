// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { SEGMENT_CLASS, SEGMENT_SIZE } from '@/utils/markdown/block-segments';
import { createMarkdownView } from '@/utils/markdown/incremental-renderer';
import { CRLF_CORPUS, MARKDOWN_CORPUS } from '../../fixtures/markdown-corpus';
import { randomCuts, seededRandom } from '../../fixtures/random';
import { blocksOf, feeder, renderWhole } from '../fixtures/markdown-reference';
import { englishMessage } from '../setup/i18n';

// jsdom and wxt/browser do not mix (esbuild refuses jsdom's TextEncoder): answer in English directly.
vi.mock('@/utils/i18n', () => ({ t: (key: string, ...values: unknown[]) => englishMessage(key, values.map(String)) }));


function incremental() {
  const container = document.createElement('div');
  const highlighted: string[] = [];
  const view = createMarkdownView(container, { highlight: (code) => highlighted.push(code.textContent ?? '') });
  return { container, view, highlighted, feed: feeder(view) };
}

const corpus = Object.entries({ ...MARKDOWN_CORPUS, ...CRLF_CORPUS });

describe('incremental markdown rendering', () => {
  it.each(corpus)('%s: after every character, the DOM equals the whole prefix rendered at once', (_name, text) => {
    const { container, view, feed } = incremental();
    for (let end = 1; end <= text.length; end++) {
      feed.append(text.slice(0, end));
      if (container.innerHTML !== renderWhole(text.slice(0, end))) {
        expect(container.innerHTML, `after ${end} characters: ${JSON.stringify(text.slice(0, end).slice(-40))}`).toBe(renderWhole(text.slice(0, end)));
      }
    }
  });

  it.each(corpus)('%s: split at random points, every chunk boundary matches', (_name, text) => {
    for (const seed of [1, 2, 3]) {
      const { container, view, feed } = incremental();
      let received = '';
      for (const piece of randomCuts(text, seededRandom(seed), 12)) {
        received += piece;
        feed.append(received);
        expect(container.innerHTML, `seed ${seed}, after ${received.length} characters`).toBe(renderWhole(received));
      }
      view.finish();
      expect(container.innerHTML).toBe(renderWhole(text));
    }
  });

  it('renders a complete block once and then leaves its node alone', () => {
    const { container, view, feed } = incremental();
    feed.append('First paragraph.\n\nSecond paragraph.\n\nThird');
    const first = blocksOf(container)[0];
    feed.append('First paragraph.\n\nSecond paragraph.\n\nThird one.');
    feed.append('First paragraph.\n\nSecond paragraph.\n\nThird one.\n\nFourth');
    expect(blocksOf(container)[0]).toBe(first);
    expect(blocksOf(container)).toHaveLength(4);
  });

  it('groups blocks into segments, so a long reply is not one flat list', () => {
    const { container, view, feed } = incremental();
    const text = Array.from({ length: SEGMENT_SIZE * 2 + 5 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    feed.append(text);
    expect([...container.children].map((segment) => segment.children.length)).toEqual([SEGMENT_SIZE, SEGMENT_SIZE, 5]);
    feed.replace(text.slice(0, text.indexOf(`Paragraph ${SEGMENT_SIZE + 1}.`)));
    expect([...container.children].map((segment) => segment.children.length)).toEqual([SEGMENT_SIZE, 1]);
  });

  it('reads earlier references again when a definition arrives later', () => {
    const { container, view, feed } = incremental();
    feed.append('See [the docs][d].\n\nMore text.\n\n');
    expect(container.querySelector('a')).toBeNull();
    feed.append('See [the docs][d].\n\nMore text.\n\n[d]: https://example.com/docs\n');
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://example.com/docs');
  });

  it('starts over when the text is replaced, as Retry does', () => {
    const { container, view, feed } = incremental();
    feed.append('# Old reply\n\ntext');
    feed.replace('');
    expect(container.innerHTML).toBe('');
    feed.append('New');
    expect(container.innerHTML).toBe(`<div class="${SEGMENT_CLASS}"><p>New</p></div>`);
  });

  it('highlights a code block once it is complete, not while it grows', () => {
    const { view, highlighted, feed } = incremental();
    feed.append('```js\nlet a');
    feed.append('```js\nlet a = 1;\n```\n');
    expect(highlighted).toEqual([]);
    feed.append('```js\nlet a = 1;\n```\n\nAfter');
    expect(highlighted).toEqual([]);
    // Two blocks after it: nothing appended can change it any more.
    feed.append('```js\nlet a = 1;\n```\n\nAfter\n\n```py\nx = 2');
    expect(highlighted).toEqual(['let a = 1;']);
    view.finish();
    expect(highlighted).toEqual(['let a = 1;', 'x = 2']);
  });

  it('shows an unclosed fence as code at once, and settles when it closes', () => {
    const { container, view, feed } = incremental();
    feed.append('Look:\n\n```ts\nconst x');
    expect(container.querySelector('code')?.textContent).toBe('const x');
    expect(container.querySelector('.code-lang')?.textContent).toBe('ts');
    feed.append('Look:\n\n```ts\nconst x = 1;\n```\nDone.');
    expect(container.querySelector('code')?.textContent).toBe('const x = 1;');
    expect(blocksOf(container).at(-1)).toHaveProperty('outerHTML', '<p>Done.</p>');
  });
});

/** Lines that change meaning with what follows them, to be thrown together at random. */
const FRAGMENTS = [
  '', '', 'plain text', 'more *text*', '- item', '  - nested', '2', '2.', '2. item', '10) x', '#', '# title', '#x',
  '```', '```js', '~~~', '    indented', '> quote', '>', '| a | b |', '|---|:-:|', '| 1 | 2 |', '===', '---', '***',
  '[ref]: https://example.com', "'a title'", 'see [ref] and [ref][]', '<div>', '</div>', '<!--', '-->', '* [ ] task',
  '* [x] done', '  continued', 'https://example.com/x', '![img](https://example.com/i.png)', '\\', '&copy;',
];

describe('incremental markdown rendering on random documents', () => {
  it('matches the whole-text render after every character', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 200); seed++) {
      const random = seededRandom(seed);
      const text = Array.from({ length: Number(process.env.FUZZ_LINES ?? 12) }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]).join('\n');
      const { container, view, feed } = incremental();
      for (let end = 1; end <= text.length; end++) {
        feed.append(text.slice(0, end));
        const whole = renderWhole(text.slice(0, end));
        if (container.innerHTML !== whole) expect(container.innerHTML, `seed ${seed}: ${JSON.stringify(text.slice(0, end))}`).toBe(whole);
      }
    }
  });
});
