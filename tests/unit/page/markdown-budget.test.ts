import { describe, expect, it } from 'vitest';
import { cutToBudget } from '@/utils/page/markdown-budget';

const section = (n: number, body = 'Some words here. '.repeat(5)) => `## Section ${n}\n\n${body.trim()}`;

describe('cutting Markdown to a budget', () => {
  it('leaves text within the budget alone', () => {
    expect(cutToBudget('# Short', 100)).toEqual({ text: '# Short', truncated: false });
  });

  it('cuts before the last heading that fits, so every section shared is whole', () => {
    const text = [section(1), section(2), section(3), section(4)].join('\n\n');
    const cut = cutToBudget(text, text.indexOf('## Section 4') + 20);
    expect(cut).toEqual({ text: [section(1), section(2), section(3)].join('\n\n'), truncated: true });
  });

  it('falls back to a block boundary when no heading keeps half the budget, and never cuts inside a fence', () => {
    const fence = '```\nline one\n\n## not a heading, in code\n\nline two\n```';
    const text = `## Only\n\n${'Para one. '.repeat(10).trim()}\n\n${fence}\n\n${'Para two. '.repeat(10).trim()}`;
    const budget = text.indexOf('line two') + 5;
    const cut = cutToBudget(text, budget);
    expect(cut.truncated).toBe(true);
    expect(cut.text).toBe(`## Only\n\n${'Para one. '.repeat(10).trim()}`);
  });

  it('cuts one huge paragraph at a word', () => {
    const text = Array.from({ length: 500 }, (_, i) => `w${i}`).join(' ');
    const cut = cutToBudget(text, 1000);
    expect(cut.text.length).toBeLessThanOrEqual(1000);
    expect(text.startsWith(`${cut.text} `)).toBe(true);
  });
});
