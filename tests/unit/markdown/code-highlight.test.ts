// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { highlightCode } from '@/utils/markdown/code-highlight';
import { decodeEntities } from '@/utils/markdown/html-entities';

function codeElement(text: string): HTMLElement {
  const code = document.createElement('code');
  code.textContent = text;
  return code;
}

describe('code highlighting', () => {
  it('highlights a known language (by alias) as spans, keeping the text', async () => {
    const code = codeElement('const x = "<b>"; // note');
    await highlightCode(code, 'ts');
    expect(code.textContent).toBe('const x = "<b>"; // note');
    expect([...code.querySelectorAll('span')].map((s) => s.className)).toEqual(['hljs-keyword', 'hljs-string', 'hljs-comment']);
    expect(code.classList.contains('hljs')).toBe(true);
  });

  it('leaves unknown languages plain', async () => {
    const code = codeElement('whatever');
    await highlightCode(code, 'no-such-language');
    await highlightCode(code, 'constructor');
    expect(code.innerHTML).toBe('whatever');
  });
});

describe('character references', () => {
  it('decodes named and numeric references, and leaves unknown ones alone', () => {
    expect(decodeEntities('&copy; &#169; &#xA9; &amp;amp; &bogus; &#0; AT&T')).toBe('© © © &amp; &bogus; \uFFFD AT&T');
  });
});
