import { describe, expect, it } from 'vitest';
import { titleAfterPut, titleFrom } from '@/utils/history/title';

describe('conversation titles', () => {
  it('keeps a short question whole, on one line', () => {
    expect(titleFrom('  What is\n\nIndexedDB?  ')).toBe('What is IndexedDB?');
  });

  it('cuts a long question at the last word that fits in 60 characters', () => {
    const title = titleFrom('Explain the difference between storage.local and IndexedDB for a browser extension');
    expect(title).toBe('Explain the difference between storage.local and IndexedDB…');
    expect(title.length).toBeLessThanOrEqual(61);
  });

  it('cuts one long word at the limit', () => {
    expect(titleFrom(`Read https://example.com/${'a'.repeat(100)}`)).toBe(`Read https://example.com/${'a'.repeat(35)}…`);
  });

  it('takes the earliest user message written, and keeps a title once set', () => {
    const written = [
      { author: 'assistant', seq: 1, text: 'Answer' },
      { author: 'user', seq: 2, text: 'Second' },
      { author: 'user', seq: 0, text: 'First' },
    ];
    expect(titleAfterPut('', written)).toBe('First');
    expect(titleAfterPut('Kept', written)).toBe('Kept');
    expect(titleAfterPut('', [{ author: 'user', seq: 0, text: '   ' }])).toBe('');
  });
});
