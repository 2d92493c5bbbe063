// @vitest-environment jsdom
import { getDefaults, Lexer } from 'marked';
import { describe, expect, it, vi } from 'vitest';
import { RAW_AFTER, UPGRADE_MAX, type SplitterLimits } from '@/utils/markdown/block-splitter';
import { createMarkdownView, RUN_CLASS } from '@/utils/markdown/incremental-renderer';
import { MARKDOWN_CORPUS } from '../../fixtures/markdown-corpus';
import { randomCuts, seededRandom } from '../../fixtures/random';
import { blocksInto } from '@/utils/markdown/dom-builder';
import { blocksOf, feeder, renderWhole } from '../fixtures/markdown-reference';
import { englishMessage } from '../setup/i18n';

// jsdom and wxt/browser do not mix (esbuild refuses jsdom's TextEncoder): answer in English directly.
vi.mock('@/utils/i18n', () => ({ t: (key: string, ...values: unknown[]) => englishMessage(key, values.map(String)) }));


/** A view driven by frames the test runs, as the panel's requestAnimationFrame would. */
function paced(limits?: SplitterLimits) {
  const container = document.createElement('div');
  let frames: Array<() => void> = [];
  const view = createMarkdownView(container, { highlight: () => {}, nextFrame: (callback) => void frames.push(callback), limits });
  /** Runs frames until nothing more is scheduled; returns how many ran. */
  const settle = (limit = 10_000) => {
    let count = 0;
    while (frames.length > 0 && count < limit) {
      const due = frames;
      frames = [];
      due.forEach((callback) => callback());
      count++;
    }
    return count;
  };
  return { container, view, settle, feed: feeder(view) };
}

const words = (count: number, seed = 1) => {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => 'lorem ipsum dolor sit amet consectetur adipiscing elit'.split(' ')[Math.floor(random() * 8)]).join(' ');
};

describe('a reply whose text is replaced', () => {
  const text = MARKDOWN_CORPUS['model answer'];
  const cases: Array<[string, string]> = [
    ['a prefix of it', text.slice(0, Math.floor(text.length * 0.6))],
    ['the same text', text],
    ['an unrelated text', '# Another reply\n\nWith *other* words.\n\n- one\n- two\n'],
    ['a text that differs in the middle', `${text.slice(0, 200)}CHANGED${text.slice(207)}`],
    ['nothing', ''],
  ];

  it.each(cases)('by %s: shows exactly the new text, at once and paced, before and after finish', (_name, replacement) => {
    for (const finished of [false, true]) {
      const plain = document.createElement('div');
      const direct = createMarkdownView(plain, { highlight: () => {} });
      direct.update({ kind: 'append', delta: text });
      if (finished) direct.finish();
      direct.update({ kind: 'replace', text: replacement });
      expect(plain.innerHTML).toBe(renderWhole(replacement));

      const { container, view, settle, feed } = paced();
      let received = '';
      for (const piece of randomCuts(text, seededRandom(3), 40)) feed.append((received += piece));
      settle();
      if (finished) view.finish();
      feed.replace(replacement);
      settle();
      expect(container.innerHTML).toBe(renderWhole(replacement));
    }
  });

  it('resumes after a snapshot without doubling a piece (finish, prefix snapshot, appending again)', () => {
    const { container, view, settle, feed } = paced();
    feed.append('1 2 3');
    settle();
    view.finish(); // the reply looked ended when the connection dropped
    settle();
    feed.replace('1 2'); // the snapshot after the reconnect
    feed.append('1 2 3');
    feed.append('1 2 3 4');
    settle();
    expect(container.textContent).toBe('1 2 3 4');
    expect(container.innerHTML).toBe(renderWhole('1 2 3 4'));
  });

  it('keeps the blocks before the change, and renders only the rest again', () => {
    const { container, settle, feed } = paced();
    const paragraphs = Array.from({ length: 80 }, (_, i) => `Paragraph ${i}: ${words(20, i)}.`);
    feed.append(paragraphs.join('\n\n'));
    settle();
    const before = blocksOf(container);
    const snapshot = paragraphs.slice(0, 60).join('\n\n');
    feed.replace(snapshot);
    settle();
    expect(container.innerHTML).toBe(renderWhole(snapshot));
    const after = blocksOf(container);
    // All but the last two (which were still allowed to change) are the same nodes.
    expect(after.slice(0, 58).every((node, i) => node === before[i])).toBe(true);
    feed.append(`${snapshot}\n\nParagraph 60, different now.`);
    settle();
    expect(container.innerHTML).toBe(renderWhole(`${snapshot}\n\nParagraph 60, different now.`));
  });

  it('reads references again when the replacement drops the definition they used', () => {
    const { container, feed } = { ...paced() };
    const withDefinition = 'See [the docs][d].\n\nMore.\n\nAnd more.\n\n[d]: https://example.com/docs\n\nAfter.\n\nLast.';
    feed.append(withDefinition);
    expect(container.querySelector('a')).not.toBeNull();
    feed.replace('See [the docs][d].\n\nMore.\n\nAnd more.\n\nNo definition.');
    expect(container.innerHTML).toBe(renderWhole('See [the docs][d].\n\nMore.\n\nAnd more.\n\nNo definition.'));
  });
});

describe('a huge reply', () => {
  it('shows a 1 MB paragraph that arrives in pieces, whole, in a bounded number of frames', () => {
    const paragraph = words(190_000).slice(0, 1 << 20);
    const { container, view, settle, feed } = paced();
    let frames = 0;
    for (let end = 64 * 1024; end < paragraph.length + 64 * 1024; end += 64 * 1024) {
      feed.append(paragraph.slice(0, end));
      frames += settle(1); // a frame between pieces, as when they arrive over the network
    }
    view.finish();
    frames += settle();
    expect(container.textContent).toBe(paragraph);
    // Shown as plain text in elements of a bounded size, not lexed again and again.
    const runs = container.querySelectorAll(`.${RUN_CLASS}`);
    expect(runs.length).toBeGreaterThan(32);
    expect([...runs].every((run) => (run.textContent?.length ?? 0) <= 20 * 1024)).toBe(true);
    expect(frames).toBeLessThan(200);
  });

  it('shows a 1 MB paragraph that arrives at once within a few frames of 40 ms at most', () => {
    const paragraph = words(190_000, 2).slice(0, 1 << 20);
    const { container, view, settle, feed } = paced();
    const started = performance.now();
    feed.append(paragraph);
    const frames = settle();
    expect(container.textContent).toBe(paragraph);
    expect(frames).toBeLessThan(50);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  // Small limits, so a run goes raw and is upgraded without megabytes of jsdom work.
  const small = { maxLex: 1024, rawAfter: 4096, upgradeMax: 64 * 1024 };

  it('renders what follows an over-long paragraph as markdown again, and the same as at once', () => {
    const text = `${words(8000)}\n\n# Heading\n\nA *short* paragraph.\n\n- a\n- b\n\nEnd.`;
    expect(text.indexOf('\n\n')).toBeGreaterThan(small.rawAfter);
    expect(text.indexOf('\n\n')).toBeLessThan(small.upgradeMax);
    for (const [cuts, seed] of [[400, 1], [4000, 2], [40_000, 3]] as const) {
      const { container, view, settle, feed } = paced(small);
      let received = '';
      for (const piece of randomCuts(text, seededRandom(seed), cuts)) {
        received += piece;
        feed.append(received);
        settle(1);
      }
      view.finish();
      settle();
      // Under UPGRADE_MAX, the paragraph is markdown again once complete: exactly the whole render.
      expect(container.innerHTML).toBe(renderWhole(text));
    }
  });

  it('keeps a run over UPGRADE_MAX as plain text, and what follows it as markdown', () => {
    const long = words(60_000);
    expect(long.length).toBeGreaterThan(UPGRADE_MAX);
    expect(UPGRADE_MAX).toBeGreaterThan(RAW_AFTER);
    const text = `Intro.\n\n${long}\n\n## After\n\nText **bold**.\n\nEnd.`;
    const { container, view, settle, feed } = paced();
    for (let end = 10_000; end < text.length + 10_000; end += 10_000) {
      feed.append(text.slice(0, end));
      settle(1);
    }
    view.finish();
    settle();
    expect(container.querySelector('p')?.textContent).toBe('Intro.');
    expect([...container.querySelectorAll(`.${RUN_CLASS}`)].map((run) => run.textContent).join('')).toBe(`${long}\n\n`);
    expect(container.querySelector('h2')?.textContent).toBe('After');
    expect(container.querySelector('strong')?.textContent).toBe('bold');
  });

  it('shows an over-long code block as code text while it streams, and as a code block once closed', () => {
    const code = Array.from({ length: 3000 }, (_, i) => `line ${i} = ${i * 7}\n\n`).join('');
    expect(code.length).toBeGreaterThan(small.rawAfter * 2);
    const text = `Code:\n\n\`\`\`py\n${code}\`\`\`\n\nAfter the code.`;
    const { container, view, settle, feed } = paced(small);
    feed.append(text.slice(0, text.length / 2));
    settle();
    expect(container.querySelector(`.${RUN_CLASS}.code`)).not.toBeNull();
    feed.append(text);
    settle();
    view.finish();
    settle();
    expect(container.innerHTML).toBe(renderWhole(text));
  });

  it('renders 2 MB of ordinary markdown in pieces the same as at once, in a bounded number of frames', () => {
    const section = `## Part\n\nSome *text* with \`code\` and a [link](https://example.com).\n\n- one\n- two\n\n${words(60)}.\n\n`;
    const text = section.repeat(Math.ceil((2 << 20) / section.length));
    const { container, view, settle, feed } = paced();
    let frames = 0;
    for (let end = 256 * 1024; end < text.length + 256 * 1024; end += 256 * 1024) {
      feed.append(text.slice(0, end));
      frames += settle(1);
    }
    view.finish();
    frames += settle();
    expect(frames).toBeLessThan(2000);
    expect(container.querySelectorAll('h2')).toHaveLength(text.split('## Part').length - 1);
    expect(container.textContent?.length).toBe(blocksInto(document.createElement('div'), Lexer.lex(text, { ...getDefaults(), gfm: true })).textContent?.length);
  }, 120_000);
});

/** Lines that change meaning with what follows them (as in markdown-incremental.test.ts). */
const FRAGMENTS = [
  '', '', '', 'plain text', 'more *text*', '- item', '  - nested', '2', '2.', '2. item', '#', '# title', '```', '```js',
  '~~~', '    indented', '> quote', '| a | b |', '|---|:-:|', '| 1 | 2 |', '===', '---', '[ref]: https://example.com',
  'see [ref] and [ref][]', '* [x] done', '  continued', '&copy;', 'a longer line of plain words that fills a window',
];

// Raw runs are left out here: where one ends is found by a scan that is right for paragraphs
// and fences, not for every construct (an HTML block, a fence opened inside a run), and they
// only happen past RAW_AFTER.
describe('a text lexed a window at a time', () => {
  it('random documents through tiny windows: after every piece, the same as the whole text rendered at once', { timeout: 120_000 }, () => {
    const failures: string[] = [];
    for (let seed = 1; seed <= Number(process.env.FUZZ_SEEDS ?? 300); seed++) {
      const random = seededRandom(seed);
      const text = Array.from({ length: 30 }, () => FRAGMENTS[Math.floor(random() * FRAGMENTS.length)]).join('\n');
      const container = document.createElement('div');
      let frames: Array<() => void> = [];
      const view = createMarkdownView(container, {
        highlight: () => {},
        nextFrame: (callback) => void frames.push(callback),
        limits: { maxLex: 40, rawAfter: Infinity },
      });
      const feed = feeder(view);
      let received = '';
      for (const piece of randomCuts(text, random, 30)) {
        received += piece;
        feed.append(received);
        for (let i = 0; i < 1000 && frames.length > 0; i++) for (const callback of frames.splice(0)) callback();
        if (container.innerHTML !== renderWhole(received)) failures.push(`seed ${seed}: ${JSON.stringify(received)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
