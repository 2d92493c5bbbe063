// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capped, findPassages, readPageContext, readSelection, readShareContext, runPageFunction } from '@/utils/page/reader';
import { PAGE_TEXT_LIMIT } from '@/utils/contract/function-results';
import { Readability } from '@mozilla/readability';
import { toMarkdown } from '@/utils/page/page-markdown';

// vitest runs from the repository root.
const fixture = (name: string) => readFileSync(join('tests/fixtures/pages', name), 'utf8');
const load = (html: string) => new DOMParser().parseFromString(html, 'text/html');
/** The page's whole Markdown, as the reader makes it before the budget. */
const readMarkdownOf = (name: string) => toMarkdown(new Readability(load(fixture(name)), { keepClasses: true, serializer: (node: Node) => node }).parse()!.content!);

describe('readPageContext on saved pages', () => {
  it('reads an article’s main text in paragraphs, without the menus, banners, sidebars and footers around it', () => {
    const page = readPageContext(load(fixture('article.html')));
    expect(page).toMatchObject({
      title: 'The Keepers of Skellig Rock',
      lang: 'en-GB',
      description: 'How three families kept a lighthouse burning on a bare Atlantic rock for a hundred and twenty years.',
      selection: '',
      truncated: false,
    });
    expect(page.text).toMatch(/^For a hundred and twenty years, three families kept the lighthouse on Skellig Rock burning through every night of the year\. /);
    expect(page.text).toContain('The keepers worked in watches of four hours. Every evening at sunset the lamp was lit,');
    expect(page.text).toContain('\n\n## Life on the rock\n\n');
    expect(page.text).toContain('\n\n> "You never slept deeply," wrote Margaret Kavanagh in 1929.');
    for (const boilerplate of ['Accept all', 'Shipwrecks', 'Most read', 'All rights reserved', 'document.title']) {
      expect(page.text).not.toContain(boilerplate);
    }
    // Nine paragraphs and headings, plus one hidden by a style sheet, which Readability can't see.
    expect(page.text.split('\n\n')).toHaveLength(10);
    expect(page.text).not.toMatch(/ {2}|\n{3}|[^\n]\n[^\n]/);
  });

  it('falls back to the whole body for pages that are not articles', () => {
    const page = readPageContext(load(fixture('listing.html')));
    expect(page.title).toBe('Search results — Harbour Shop');
    expect(page.text).toContain('[Mooring rope, 12 mm, 20 m](http://localhost:3000/p/1) — €34.90');
    expect(page.lang).toBe('');
  });

  it('caps long pages at a word boundary and says it did', () => {
    const words = Array.from({ length: 6000 }, (_, i) => `word${i}`).join(' ');
    const page = readPageContext(load(`<title>Long</title><article><p>${words}</p></article>`));
    expect(page.truncated).toBe(true);
    expect(page.text.length).toBeLessThanOrEqual(PAGE_TEXT_LIMIT);
    expect(page.text.length).toBeGreaterThan(PAGE_TEXT_LIMIT - 20);
    expect(page.text).toMatch(/word\d+$/);
    expect(words.startsWith(page.text)).toBe(true);
  });

  it('keeps a table as a GFM table, code in a fence with its language, lists and links', () => {
    const page = readPageContext(load(fixture('table-code.html')));
    expect(page.text).toContain('The harbour master publishes the **tide table** each week. The times below are for [Portmagee](https://example.com/portmagee), in local time.');
    expect(page.text).toContain('## This week\'s tides');
    expect(page.text).toContain('| Day | High water | Low water |\n| --- | --- | --- |\n| Monday | 06:12 | 12:30 |\n| Tuesday | 06:58 | 13:15 |');
    expect(page.text).toContain('```python\ndef minutes(time):\n    hours, mins = time.split(":")\n    return int(hours) * 60 + int(mins)\n```');
    expect(page.text).toMatch(/^- +High water comes about 50 minutes later each day\.$/m);
    expect(page.text).not.toContain('Harbour notes ·');
    expect(page).toMatchObject({ truncated: false, fullLength: page.text.length });
  });

  it('cuts a long documentation page at a section boundary within the budget, and says how long it was', () => {
    const page = readPageContext(load(fixture('long-docs.html')));
    expect(page.truncated).toBe(true);
    expect(page.fullLength).toBeGreaterThan(2 * PAGE_TEXT_LIMIT);
    expect(page.text.length).toBeLessThanOrEqual(PAGE_TEXT_LIMIT);
    expect(page.text.length).toBeGreaterThan(PAGE_TEXT_LIMIT / 2);
    // The cut falls just before a heading: the last section shared is whole, its code fences closed.
    const whole = readMarkdownOf('long-docs.html');
    expect(whole.slice(page.text.length).trimStart()).toMatch(/^#{2,3} (\d+\\\. The `option\d+` setting|Notes on option\d+)\n/);
    expect((page.text.match(/```/g) ?? []).length % 2).toBe(0);
  }, 30_000);

  it('refuses a PDF viewer’s document, which has no text to read', () => {
    const pdf = document.implementation.createHTMLDocument('x.pdf');
    Object.defineProperty(pdf, 'contentType', { value: 'application/pdf' });
    expect(() => readPageContext(pdf)).toThrow('sidechat:pdf');
  });
});

describe('the selection', () => {
  it('reads the selected text of the page, and of a text field, but never of a password field', () => {
    document.body.innerHTML = '<p id="p">The lens still turns today.</p><textarea id="t">draft note</textarea><input id="pw" type="password" value="hunter2">';
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('p')!);
    document.getSelection()!.addRange(range);
    expect(readSelection(document)).toEqual({ url: document.URL, text: 'The lens still turns today.', truncated: false });
    expect(readShareContext(document)).toEqual({ url: document.URL, title: '', selection: 'The lens still turns today.' });

    const field = document.getElementById('t') as HTMLTextAreaElement;
    field.focus();
    field.setSelectionRange(0, 5);
    expect(readSelection(document).text).toBe('draft');

    const password = document.getElementById('pw') as HTMLInputElement;
    password.focus();
    password.select();
    expect(readSelection(document).text).not.toContain('hunter2');
  });
});

describe('findPassages', () => {
  const text = readPageContext(load(fixture('article.html'))).text;

  it('counts every case-insensitive match and quotes whole words around the first ones', () => {
    const found = findPassages(text, 'KEEPERS');
    expect(found.total).toBe(6);
    expect(found.passages).toHaveLength(6);
        expect(found.passages[0]).toBe('…until the light was automated in 1987 it was never left without a keeper. The keepers worked in watches of four hours. Every evening at sunset the lamp was lit, and…');
    expect(found.passages.every((p) => p.toLowerCase().includes('keepers'))).toBe(true);
  });

  it('matches across line breaks, treats the query as text (not a pattern), and caps the passages', () => {
    expect(findPassages('a Fresnel\n\nlens here', 'fresnel lens').total).toBe(1);
    expect(findPassages('costs $5 (approx.)', '$5 (approx.)').passages).toEqual(['costs $5 (approx.)']);
    const many = findPassages('lamp '.repeat(30), 'lamp', { max: 3 });
    expect([many.total, many.passages.length]).toEqual([30, 3]);
    expect(findPassages(text, 'submarine')).toEqual({ query: 'submarine', total: 0, passages: [] });
  });

  it('runs as find_in_page on the page’s visible text', () => {
    const doc = load('<body><p>Fog signals sound every minute.</p><script>var fog = 1</script></body>');
    expect(runPageFunction({ name: 'find_in_page', args: { query: 'fog' } }, doc)).toMatchObject({ total: 1 });
  });
});

describe('capped', () => {
  it('leaves short text alone', () => {
    expect(capped('short', 10)).toEqual({ text: 'short', truncated: false });
  });
});
