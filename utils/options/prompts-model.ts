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

/** The form for one prompt: its draft and what is wrong with it. */
function createPromptEditor(prompts: { value: Prompt[] }) {
  const draft = signal<PromptDraft | undefined>(undefined);
  const errors = signal<PromptErrors>({});
  const open = (value: PromptDraft | undefined) => {
    draft.value = value;
    errors.value = {};
  };
  return {
    draft,
    errors,
    startAdd: () => open({ name: '', text: '' }),
    startEdit(id: string) {
      const prompt = prompts.value.find((p) => p.id === id);
      open(prompt ? { ...prompt } : draft.value);
    },
    edit(field: 'name' | 'text', value: string) {
      if (draft.value) draft.value = { ...draft.value, [field]: value };
    },
    cancel: () => open(undefined),
  };
}

export function createPromptsModel(newId: () => string = () => crypto.randomUUID()) {
  const prompts = signal<Prompt[]>([]);
  const selectionAction = signal<SelectionAction>('send');
  const status = signal<PromptsStatus>({ kind: 'idle' });
  const confirmingReset = signal(false);
  const editor = createPromptEditor(prompts);
  let deleted: { prompt: Prompt; index: number } | undefined;

  async function load(): Promise<void> {
    const library = await loadPromptLibrary();
    prompts.value = library.prompts;
    selectionAction.value = library.selectionAction;
  }

  /** Runs a storage write; its failure becomes the status line, never an unhandled rejection. */
  async function attempt(write: () => Promise<void>, done: PromptsStatus): Promise<boolean> {
    try {
      await write();
      status.value = done;
      return true;
    } catch (error) {
      status.value = { kind: 'failed', message: t('optionsPromptsFailed', (error as Error).message) };
      return false;
    }
  }

  async function persist(next: Prompt[], done: PromptsStatus): Promise<boolean> {
    const saved = await attempt(async () => {
      await savePrompts(next);
      prompts.value = next;
    }, done);
    if (saved && done.kind !== 'deleted') deleted = undefined;
    return saved;
  }

  async function saveEdit(): Promise<void> {
    const draft = editor.draft.value;
    if (!draft) return;
    const result = validatePrompt(draft, prompts.value, draft.id);
    editor.errors.value = result.ok ? {} : result.errors;
    if (!result.ok) return;
    const saved = { id: draft.id ?? newId(), name: result.name, text: result.text };
    const next = draft.id ? prompts.value.map((p) => (p.id === draft.id ? saved : p)) : [...prompts.value, saved];
    if (await persist(next, { kind: 'saved' })) editor.cancel();
  }

  async function remove(id: string): Promise<void> {
    const index = prompts.value.findIndex((p) => p.id === id);
    if (index === -1) return;
    const prompt = prompts.value[index];
    if (editor.draft.value?.id === id) editor.cancel();
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
    editor.cancel();
    if (await attempt(async () => void (prompts.value = await resetPrompts()), { kind: 'reset' })) deleted = undefined;
  }

  async function setSelectionAction(action: SelectionAction): Promise<void> {
    selectionAction.value = action;
    await attempt(() => saveSelectionAction(action), { kind: 'saved' });
  }

  const { draft, errors, startAdd, startEdit, edit, cancel: cancelEdit } = editor;
  return { prompts, selectionAction, editor: draft, errors, status, confirmingReset, load, startAdd, startEdit, edit, cancelEdit, saveEdit, remove, undoDelete, move, reset, setSelectionAction };
}
