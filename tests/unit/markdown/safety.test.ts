// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMarkdownView } from '@/utils/markdown/incremental-renderer';
import { randomCuts, seededRandom } from '../../fixtures/random';
import { unsafeParts } from '../../fixtures/safe-dom';
import { aimedAt, XSS_PAYLOADS } from '../../fixtures/xss-payloads';
import { englishMessage } from '../setup/i18n';

// jsdom and wxt/browser do not mix (esbuild refuses jsdom's TextEncoder): answer in English directly.
vi.mock('@/utils/i18n', () => ({ t: (key: string, ...values: unknown[]) => englishMessage(key, values.map(String)) }));

const HIT = 'http://127.0.0.1:9';

function render(text: string): HTMLElement {
  const container = document.createElement('div');
  createMarkdownView(container, { highlight: () => {} }).update({ kind: 'append', delta: text });
  return container;
}

describe('markdown safety', () => {
  it('has at least 50 payloads from public corpora', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  });

  it.each(XSS_PAYLOADS.map((p) => [p.source, p.payload]))('%s: no prefix renders anything unsafe', (_source, payload) => {
    const text = aimedAt(payload, HIT);
    const container = document.createElement('div');
    const view = createMarkdownView(container, { highlight: () => {} });
    for (let end = 1; end <= text.length; end++) {
      view.update({ kind: 'append', delta: text.slice(end - 1, end) });
      expect(unsafeParts(container), `after ${JSON.stringify(text.slice(0, end))}`).toEqual([]);
    }
    expect(container.textContent?.trim(), 'the payload left no readable text').not.toBe('');
  });

  it('streams the whole corpus as one reply, split at random, with nothing unsafe', () => {
    const text = XSS_PAYLOADS.map((p, i) => `Payload ${i + 1}:\n\n${aimedAt(p.payload, HIT)}`).join('\n\n');
    const container = document.createElement('div');
    const view = createMarkdownView(container, { highlight: () => {} });
    let received = '';
    for (const piece of randomCuts(text, seededRandom(7), 9)) {
      received += piece;
      view.update({ kind: 'append', delta: piece });
      expect(unsafeParts(container)).toEqual([]);
    }
  });

  it('shows raw HTML as the text it is', () => {
    const payload = '<script>alert("XSS")</script>';
    expect(render(payload).textContent).toBe(payload);
    expect(render('Inline <img src=x onerror=alert(1)> html').textContent).toBe('Inline <img src=x onerror=alert(1)> html');
  });

  it('keeps links live only for http, https and mailto, opening in a new tab without referrer', () => {
    const container = render('[web](https://example.com/a) [mail](mailto:a@b.c) [js](javascript:alert(1)) [rel](/options.html) [data](data:text/html,x)');
    const links = [...container.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel]);
    expect(links).toEqual([
      ['web', 'https://example.com/a', '_blank', 'noopener noreferrer'],
      ['mail', 'mailto:a@b.c', '_blank', 'noopener noreferrer'],
    ]);
    expect(container.textContent).toBe('web mail js rel data');
  });

  it('decodes character references before judging a URL, so an encoded scheme stays refused', () => {
    expect(render('[x](&#106;avascript:alert(1))').querySelector('a')).toBeNull();
    expect(render('[x](https://example.com/?a=1&amp;b=2)').querySelector('a')?.getAttribute('href')).toBe('https://example.com/?a=1&b=2');
  });

  it('never fetches an image by itself: it is a button that loads it on click', () => {
    const container = render('![a cat](https://example.com/cat.png "Cat")');
    expect(container.querySelector('img')).toBeNull();
    const button = container.querySelector('button')!;
    expect(button.textContent).toBe('Load image: a cat');
    button.click();
    const image = container.querySelector('img')!;
    expect([image.getAttribute('src'), image.alt, image.referrerPolicy]).toEqual(['https://example.com/cat.png', 'a cat', 'no-referrer']);
  });

  it('shows an image it would never load as its alt text', () => {
    const container = render('![x](data:image/svg+xml;base64,PHN2Zz4=) ![](javascript:alert(1))');
    expect(container.querySelector('button, img')).toBeNull();
    expect(container.textContent).toBe('[image: x] [image]');
  });

  it('keeps an untrusted fence language to a harmless label', () => {
    const code = render('```"><img src=x onerror=alert(1)>\ncode\n```').querySelector('code')!;
    expect(code.dataset.lang).toBe('img');
    expect(unsafeParts(code.parentElement!.parentElement!)).toEqual([]);
  });
});

describe('copy buttons', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('copies a code block as written, and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    const container = render('```sh\nnpm install && npm test\n```');
    const button = container.querySelector<HTMLButtonElement>('button[data-action="copy-code"]')!;
    button.click();
    await vi.waitFor(() => expect(button.textContent).toBe('Copied'));
    expect(writeText).toHaveBeenCalledWith('npm install && npm test');
  });

  it('says when copying failed', async () => {
    vi.stubGlobal('navigator', { clipboard: { writeText: vi.fn().mockRejectedValue(new Error('denied')) } });
    const button = render('```\nx\n```').querySelector<HTMLButtonElement>('button')!;
    button.click();
    await vi.waitFor(() => expect(button.textContent).toBe('Copy failed'));
  });
});
