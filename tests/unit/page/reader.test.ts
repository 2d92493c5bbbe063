// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { capped, findPassages, readPageContext, readSelection, readShareContext, runPageFunction } from '@/utils/page/reader';
import { PAGE_TEXT_LIMIT } from '@/utils/contract/function-results';

// vitest runs from the repository root.
const fixture = (name: string) => readFileSync(join('tests/fixtures/pages', name), 'utf8');
const load = (html: string) => new DOMParser().parseFromString(html, 'text/html');

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
    expect(page.text).toContain('\n\nLife on the rock\n\n');
    expect(page.text).toContain('"You never slept deeply," wrote Margaret Kavanagh in 1929.');
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
    expect(page.text).toContain('Mooring rope, 12 mm, 20 m — €34.90');
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
