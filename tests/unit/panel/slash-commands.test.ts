import { signal } from '@preact/signals';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSlashCommands } from '@/utils/panel/slash-commands';
import type { Prompt } from '@/utils/contract/prompts';

const PROMPTS: Prompt[] = [
  { id: 'sum', name: 'Summarize', text: 'Summarize {{page_title}}: {{selection}}' },
  { id: 'exp', name: 'Explain', text: 'Explain this:\n\n{{selection}}' },
  { id: 'tr', name: 'Translate', text: 'Into {{language}}:' },
];

function setup(prompts = PROMPTS) {
  const draft = signal('');
  const readPage = vi.fn(async () => ({ ok: true as const, url: 'https://a.example/', title: 'Lighthouses', selection: 'the lamp' }));
  const inserted = vi.fn();
  const slash = createSlashCommands({ draft, prompts: signal(prompts), readPage, inserted });
  const type = (text: string) => (draft.value += text);
  return { draft, slash, readPage, inserted, type };
}

describe('slash commands', () => {
  beforeEach(() => {
    fakeBrowser.i18n.getUILanguage = () => 'en-GB';
  });

  it('open on a / typed first, list every prompt, and filter as the user types', () => {
    const { slash, type } = setup();
    expect(slash.open.value).toBe(false);
    type('/');
    expect(slash.open.value).toBe(true);
    expect(slash.matches.value.map((p) => p.id)).toEqual(['sum', 'exp', 'tr']);
    type('ex');
    expect(slash.matches.value.map((p) => p.id)).toEqual(['exp']);
    expect(slash.active.value?.id).toBe('exp');
  });

  it('leave a / elsewhere alone, and a message that starts with / and goes on over lines', () => {
    const { slash, draft } = setup();
    draft.value = 'a/b';
    expect(slash.open.value).toBe(false);
    expect(slash.key('Enter')).toBe(false);
    draft.value = '/usr/bin\nis where it lives';
    expect(slash.open.value).toBe(false);
  });

  it('move with the arrows, round the ends, and start again from the top when the filter changes', () => {
    const { slash, type } = setup();
    type('/');
    expect(slash.key('ArrowUp')).toBe(true);
    expect(slash.active.value?.id).toBe('tr');
    slash.key('ArrowDown');
    slash.key('ArrowDown');
    expect(slash.active.value?.id).toBe('exp');
    type('t');
    expect(slash.active.value?.id).toBe('tr');
  });

  it('Enter replaces the /… with the prompt, its placeholders filled from the page, caret to the end', async () => {
    const { slash, draft, type, readPage, inserted } = setup();
    type('/sum');
    expect(slash.key('Enter')).toBe(true);
    await vi.waitFor(() => expect(draft.value).toBe('Summarize Lighthouses: the lamp'));
    expect(readPage).toHaveBeenCalledOnce();
    expect(inserted).toHaveBeenCalledWith(undefined);
    expect(slash.open.value).toBe(false);
  });

  it('Tab chooses too; a prompt that needs nothing from the page does not read it', async () => {
    const { slash, draft, type, readPage } = setup();
    type('/tr');
    expect(slash.key('Tab')).toBe(true);
    await vi.waitFor(() => expect(draft.value).toBe('Into English:'));
    expect(readPage).not.toHaveBeenCalled();
  });

  it('a page that could not be read: the prompt goes in anyway, with what was left empty and why', async () => {
    const { slash, draft, type, readPage, inserted } = setup();
    readPage.mockResolvedValueOnce({ ok: false, message: 'No access.' } as never);
    type('/exp');
    slash.key('Enter');
    await vi.waitFor(() => expect(draft.value).toBe('Explain this:\n\n'));
    expect(inserted).toHaveBeenCalledWith('Left empty: the selection. No access.');
  });

  it('Esc closes the list and keeps the text; it stays closed for this /… and opens again for the next', () => {
    const { slash, draft, type } = setup();
    type('/exp');
    expect(slash.key('Escape')).toBe(true);
    expect([slash.open.value, draft.value]).toEqual([false, '/exp']);
    type('lain');
    expect(slash.open.value).toBe(false);
    expect(slash.key('Enter')).toBe(false);
    draft.value = '';
    type('/');
    expect(slash.open.value).toBe(true);
  });

  it('with no match, says so and lets Enter send what was typed', () => {
    const { slash, type } = setup();
    type('/zzz');
    expect([slash.open.value, slash.matches.value.length]).toEqual([true, 0]);
    expect(slash.key('Enter')).toBe(false);
    expect(slash.key('ArrowDown')).toBe(false);
  });

  it('stays closed when there are no prompts at all', () => {
    const { slash, type } = setup([]);
    type('/');
    expect(slash.open.value).toBe(false);
  });
});
