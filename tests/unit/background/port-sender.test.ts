import { describe, expect, it } from 'vitest';
import { isOwnExtensionPage } from '@/utils/background/port-sender';

const id = 'abcdefghijklmnop';
const origin = `chrome-extension://${id}/`;

describe('isOwnExtensionPage', () => {
  it('accepts the side panel and the options page', () => {
    expect(isOwnExtensionPage({ id, url: `${origin}sidepanel.html` }, id, origin)).toBe(true);
    expect(isOwnExtensionPage({ id, url: `${origin}options.html`, tab: {} }, id, origin)).toBe(true);
  });

  it.each([
    ['another extension', { id: 'zzzz', url: 'chrome-extension://zzzz/page.html' }],
    ['our content script on a web page', { id, url: 'https://example.com/', tab: {} }],
    ['a sender without a URL', { id }],
    ['no sender at all', undefined],
  ])('refuses %s', (_name, sender) => {
    expect(isOwnExtensionPage(sender, id, origin)).toBe(false);
  });
});
