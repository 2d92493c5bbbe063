import { describe, expect, it } from 'vitest';
import { conversationMarkdown, fenced, fileNameFor } from '@/utils/history/markdown-export';
import { message } from '../../fixtures/history';

const conversation = { id: 'c', title: 'Summarize: the “lighthouse” page', createdAt: 1, updatedAt: 2, messageCount: 3 };
const at = new Date('2026-12-05T10:00:00Z');

describe('a conversation as Markdown', () => {
  it('has the questions, the replies as written, each call with what was shared, and how a reply ended', () => {
    const { markdown, fileName } = conversationMarkdown(
      conversation,
      [
        message('c', 0, { text: 'Summarize this page' }),
        message('c', 1, {
          text: 'It is about a **lighthouse**.\n\n| a | b |\n|---|---|\n| 1 | 2 |',
          calls: [{ id: 'k', name: 'get_page_context', status: 'done', label: 'Shared “Lighthouse”', shared: 'URL: https://example.com/\n\n```js\nx\n```' }],
        }),
        message('c', 2, { text: 'And the keeper?' }),
        message('c', 3, { text: 'The keeper', state: 'stopped' }),
      ],
      at,
    );
    expect(fileName).toBe('sidechat-summarize-the-lighthouse-page-2026-12-05.md');
    expect(markdown).toBe(
      [
        '# Summarize: the “lighthouse” page',
        '*Exported from Sidechat on 2026-12-05 · 4 messages*',
        '## You',
        'Summarize this page',
        '## Sidechat',
        '> **Function call** `get_page_context` — Shared “Lighthouse”\n\nWhat was shared:\n\n````text\nURL: https://example.com/\n\n```js\nx\n```\n````',
        'It is about a **lighthouse**.\n\n| a | b |\n|---|---|\n| 1 | 2 |',
        '## You',
        'And the keeper?',
        '## Sidechat',
        'The keeper',
        '*Stopped.*',
      ].join('\n\n') + '\n',
    );
  });

  it('names the file from the title in any script, or the date alone', () => {
    expect(fileNameFor('Ärger mit Köln — Straßen?', at)).toBe('sidechat-ärger-mit-köln-straßen-2026-12-05.md');
    expect(fileNameFor('???', at)).toBe('sidechat-2026-12-05.md');
    expect(fenced('no ticks')).toBe('```text\nno ticks\n```');
  });
});
