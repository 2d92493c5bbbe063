import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadPromptLibrary, PROMPT_LIMITS, resetPrompts, savePrompts, saveSelectionAction, validatePrompt } from '@/utils/prompt-library';
import { defaultPrompts } from '@/utils/prompt-library';

describe('the prompt library in storage', () => {
  beforeEach(() => fakeBrowser.reset());

  it('starts with the defaults and sends selection prompts at once', async () => {
    expect(await loadPromptLibrary()).toEqual({ prompts: defaultPrompts(), selectionAction: 'send' });
  });

  it('keeps the list and the selection action apart, and reset brings the defaults back without touching the action', async () => {
    await savePrompts([{ id: 'a', name: 'Mine', text: 'Hi {{selection}}' }]);
    await saveSelectionAction('fill');
    expect(await loadPromptLibrary()).toEqual({ prompts: [{ id: 'a', name: 'Mine', text: 'Hi {{selection}}' }], selectionAction: 'fill' });
    expect(await resetPrompts()).toEqual(defaultPrompts());
    expect(await loadPromptLibrary()).toEqual({ prompts: defaultPrompts(), selectionAction: 'fill' });
    // An empty list is a choice, not "the defaults".
    await savePrompts([]);
    expect((await loadPromptLibrary()).prompts).toEqual([]);
  });

  it('is its own item, at version 1, apart from the settings', async () => {
    // A fresh module: WXT decides whether to record the version when the item is defined.
    vi.resetModules();
    const fresh = await import('@/utils/prompt-library');
    await fresh.savePrompts([{ id: 'a', name: 'Mine', text: 'x' }]);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({
      promptLibrary: { prompts: [{ id: 'a', name: 'Mine', text: 'x' }], selectionAction: 'send' },
      promptLibrary$: { v: 1 },
    });
    expect(await fresh.promptLibraryItem.getMeta()).toEqual({ v: 1 });
  });

  it('reads a stored value tolerantly: what is not a prompt is left out, the rest kept', async () => {
    await fakeBrowser.storage.local.set({
      promptLibrary: { prompts: [{ id: 'ok', name: 'Fine', text: 'x' }, { id: 'bad', name: '', text: 'x' }, 'junk', { id: 'long', name: 'L', text: 'y'.repeat(PROMPT_LIMITS.text + 1) }], selectionAction: 'sideways' },
      promptLibrary$: { v: 1 },
    });
    expect(await loadPromptLibrary()).toEqual({ prompts: [{ id: 'ok', name: 'Fine', text: 'x' }], selectionAction: 'send' });
    await fakeBrowser.storage.local.set({ promptLibrary: { prompts: 'not a list', selectionAction: 'fill' } });
    expect(await loadPromptLibrary()).toEqual({ prompts: defaultPrompts(), selectionAction: 'fill' });
  });
});

describe('validating a prompt', () => {
  const others = [{ id: 'x', name: 'Explain', text: 'Explain {{selection}}' }];

  it('trims, and folds runs of spaces in the name', () => {
    expect(validatePrompt({ name: '  Say   hi ', text: ' Hi {{ language }} \n' }, others)).toEqual({ ok: true, name: 'Say hi', text: 'Hi {{ language }}' });
  });

  it('requires a name and a text, each within its bound, with a message that says what to do', () => {
    expect(validatePrompt({ name: ' ', text: '' }, others)).toEqual({
      ok: false,
      errors: { name: 'Enter a name: it is what you type after / and what the menu shows.', text: "Enter the prompt's text." },
    });
    const long = validatePrompt({ name: 'n'.repeat(61), text: 't'.repeat(4001) }, others);
    expect(long).toEqual({ ok: false, errors: { name: 'A name is at most 60 characters (this one has 61).', text: 'A prompt is at most 4000 characters (this one has 4001).' } });
  });

  it('refuses a name taken by another prompt (any case) but not by the one being edited', () => {
    expect(validatePrompt({ name: 'explain', text: 'x' }, others)).toEqual({ ok: false, errors: { name: 'There is already a prompt named “explain”. Choose another name.' } });
    expect(validatePrompt({ name: 'explain', text: 'x' }, others, 'x').ok).toBe(true);
  });

  it('names a placeholder it does not know, and lists the ones it does', () => {
    expect(validatePrompt({ name: 'T', text: 'Into {{langauge}}: {{selection}}' }, others)).toEqual({
      ok: false,
      errors: { text: '{{langauge}} is not a placeholder. The placeholders are {{selection}}, {{page_title}}, {{page_url}}, {{language}}.' },
    });
  });

  it('refuses a new prompt past the limit, but still lets one be edited', () => {
    const full = Array.from({ length: PROMPT_LIMITS.count }, (_, i) => ({ id: `p${i}`, name: `P${i}`, text: 'x' }));
    expect(validatePrompt({ name: 'One more', text: 'x' }, full)).toEqual({ ok: false, errors: { name: 'There can be at most 50 prompts. Delete one first.' } });
    expect(validatePrompt({ name: 'P0 renamed', text: 'x' }, full, 'p0').ok).toBe(true);
  });
});
