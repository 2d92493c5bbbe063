import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createPromptsModel } from '@/utils/options/prompts-model';
import { loadPromptLibrary } from '@/utils/prompt-library';
import { defaultPrompts } from '@/utils/prompt-library';

const names = async () => (await loadPromptLibrary()).prompts.map((p) => p.name);

describe('Options → Prompts', () => {
  beforeEach(() => fakeBrowser.reset());

  async function loaded() {
    let n = 0;
    const model = createPromptsModel(() => `new${++n}`);
    await model.load();
    return model;
  }

  it('adds a prompt at the end and saves it at once', async () => {
    const model = await loaded();
    model.startAdd();
    model.edit('name', 'Haiku');
    model.edit('text', 'A haiku about {{selection}}');
    await model.saveEdit();
    expect(model.editor.value).toBeUndefined();
    expect(model.status.value).toEqual({ kind: 'saved' });
    expect((await loadPromptLibrary()).prompts.at(-1)).toEqual({ id: 'new1', name: 'Haiku', text: 'A haiku about {{selection}}' });
  });

  it('keeps the editor open with the errors when the prompt is not valid, and saves nothing', async () => {
    const model = await loaded();
    model.startAdd();
    model.edit('name', 'explain');
    await model.saveEdit();
    expect(model.errors.value).toEqual({ name: 'There is already a prompt named “explain”. Choose another name.', text: "Enter the prompt's text." });
    expect(model.editor.value).toEqual({ name: 'explain', text: '' });
    expect(await fakeBrowser.storage.local.get('promptLibrary')).toEqual({});
  });

  it('edits one in place, keeping its id (the menu entry follows)', async () => {
    const model = await loaded();
    model.startEdit('translate');
    model.edit('name', 'Übersetzen');
    await model.saveEdit();
    expect((await loadPromptLibrary()).prompts[2]).toEqual({ id: 'translate', name: 'Übersetzen', text: defaultPrompts()[2].text });
  });

  it('moves prompts up and down, not past the ends', async () => {
    const model = await loaded();
    await model.move('explain', -1);
    await model.move('explain', -1);
    await model.move('reply', 1);
    expect(await names()).toEqual(['Explain', 'Summarize', 'Translate', 'Fix grammar', 'Reply to this']);
  });

  it('deletes, and undoes the deletion back into its place', async () => {
    const model = await loaded();
    await model.remove('translate');
    expect(model.status.value).toEqual({ kind: 'deleted', name: 'Translate' });
    expect(await names()).toEqual(['Summarize', 'Explain', 'Fix grammar', 'Reply to this']);
    await model.undoDelete();
    expect(await names()).toEqual(['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this']);
    await model.undoDelete();
    expect(await names()).toHaveLength(5);
  });

  it('resets to the defaults and remembers the selection action', async () => {
    const model = await loaded();
    await model.remove('summarize');
    await model.setSelectionAction('fill');
    await model.reset();
    expect([model.status.value, model.prompts.value]).toEqual([{ kind: 'reset' }, defaultPrompts()]);
    expect(await loadPromptLibrary()).toEqual({ prompts: defaultPrompts(), selectionAction: 'fill' });
  });

  it('says so when storage refuses the change, and shows the list as it was', async () => {
    const model = await loaded();
    fakeBrowser.storage.local.set = (async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    }) as never;
    await model.remove('summarize');
    expect(model.status.value).toEqual({ kind: 'failed', message: 'Could not save the prompts: QUOTA_BYTES quota exceeded' });
    expect(model.prompts.value).toHaveLength(5);
  });
});
