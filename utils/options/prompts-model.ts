/**
 * Options → Prompts: the list, the editor for one prompt, and every change saved as it is made
 * (there is no separate Save for the list). A deletion can be undone until the next change.
 */
import { signal } from '@preact/signals';
import { t } from '../i18n';
import { loadPromptLibrary, resetPrompts, savePrompts, saveSelectionAction, validatePrompt, type PromptErrors, type SelectionAction } from '../prompt-library';
import type { Prompt } from '../contract/prompts';

export type PromptsStatus = { kind: 'idle' } | { kind: 'saved' } | { kind: 'deleted'; name: string } | { kind: 'reset' } | { kind: 'failed'; message: string };

/** `id`: the prompt being edited; without it, a new one. */
export interface PromptDraft {
  id?: string;
  name: string;
  text: string;
}

export type PromptsModel = ReturnType<typeof createPromptsModel>;

export function createPromptsModel(newId: () => string = () => crypto.randomUUID()) {
  const prompts = signal<Prompt[]>([]);
  const selectionAction = signal<SelectionAction>('send');
  const editor = signal<PromptDraft | undefined>(undefined);
  const errors = signal<PromptErrors>({});
  const status = signal<PromptsStatus>({ kind: 'idle' });
  const confirmingReset = signal(false);
  let deleted: { prompt: Prompt; index: number } | undefined;

  async function load(): Promise<void> {
    const library = await loadPromptLibrary();
    prompts.value = library.prompts;
    selectionAction.value = library.selectionAction;
  }

  async function persist(next: Prompt[], done: PromptsStatus): Promise<boolean> {
    try {
      await savePrompts(next);
      prompts.value = next;
      status.value = done;
      if (done.kind !== 'deleted') deleted = undefined;
      return true;
    } catch (error) {
      status.value = { kind: 'failed', message: t('optionsPromptsFailed', (error as Error).message) };
      return false;
    }
  }

  function startAdd(): void {
    editor.value = { name: '', text: '' };
    errors.value = {};
  }

  function startEdit(id: string): void {
    const prompt = prompts.value.find((p) => p.id === id);
    if (prompt) editor.value = { ...prompt };
    errors.value = {};
  }

  function edit(field: 'name' | 'text', value: string): void {
    if (editor.value) editor.value = { ...editor.value, [field]: value };
  }

  function cancelEdit(): void {
    editor.value = undefined;
    errors.value = {};
  }

  async function saveEdit(): Promise<void> {
    const draft = editor.value;
    if (!draft) return;
    const result = validatePrompt(draft, prompts.value, draft.id);
    errors.value = result.ok ? {} : result.errors;
    if (!result.ok) return;
    const saved = { id: draft.id ?? newId(), name: result.name, text: result.text };
    const next = draft.id ? prompts.value.map((p) => (p.id === draft.id ? saved : p)) : [...prompts.value, saved];
    if (await persist(next, { kind: 'saved' })) editor.value = undefined;
  }

  async function remove(id: string): Promise<void> {
    const index = prompts.value.findIndex((p) => p.id === id);
    if (index === -1) return;
    const prompt = prompts.value[index];
    if (editor.value?.id === id) cancelEdit();
    if (await persist(prompts.value.filter((p) => p.id !== id), { kind: 'deleted', name: prompt.name })) deleted = { prompt, index };
  }

  async function undoDelete(): Promise<void> {
    if (!deleted) return;
    const { prompt, index } = deleted;
    const next = [...prompts.value];
    next.splice(index, 0, prompt);
    await persist(next, { kind: 'saved' });
  }

  async function move(id: string, step: -1 | 1): Promise<void> {
    const from = prompts.value.findIndex((p) => p.id === id);
    const to = from + step;
    if (from === -1 || to < 0 || to >= prompts.value.length) return;
    const next = [...prompts.value];
    [next[from], next[to]] = [next[to], next[from]];
    await persist(next, { kind: 'saved' });
  }

  async function reset(): Promise<void> {
    confirmingReset.value = false;
    cancelEdit();
    try {
      prompts.value = await resetPrompts();
      deleted = undefined;
      status.value = { kind: 'reset' };
    } catch (error) {
      status.value = { kind: 'failed', message: t('optionsPromptsFailed', (error as Error).message) };
    }
  }

  async function setSelectionAction(action: SelectionAction): Promise<void> {
    selectionAction.value = action;
    try {
      await saveSelectionAction(action);
      status.value = { kind: 'saved' };
    } catch (error) {
      status.value = { kind: 'failed', message: t('optionsPromptsFailed', (error as Error).message) };
    }
  }

  return { prompts, selectionAction, editor, errors, status, confirmingReset, load, startAdd, startEdit, edit, cancelEdit, saveEdit, remove, undoDelete, move, reset, setSelectionAction };
}
