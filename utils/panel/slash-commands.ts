/**
 * Slash commands in the message box: `/` as the first character opens the list of saved prompts,
 * filtered by what follows it; choosing one replaces the `/…` with the prompt, filled in. A `/`
 * anywhere else is just a slash.
 */
import { computed, effect, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import type { PromptPageAnswer } from '../contract/prompt-page';
import { matchPrompts, needsPage, type Prompt } from '../contract/prompts';
import { fillForPage } from '../prompt-library';

export type SlashCommands = ReturnType<typeof createSlashCommands>;

export interface SlashDeps {
  draft: Signal<string>;
  prompts: ReadonlySignal<Prompt[]>;
  /** The page's title, address and selection, asked for only when a chosen prompt uses them. */
  readPage(): Promise<PromptPageAnswer>;
  /** The filled prompt is in the box: the caret goes to its end, `notice` (if any) is shown. */
  inserted(notice?: string): void;
}

/** Placeholders that need the page; `{{language}}` doesn't. */
const NO_PAGE: PromptPageAnswer = { ok: true, url: '', title: '' };

export function createSlashCommands({ draft, prompts, readPage, inserted }: SlashDeps) {
  /** Esc closed the list for this `/…`: it stays closed until the box no longer starts with `/`. */
  const dismissed = signal(false);
  const activeIndex = signal(0);

  // A message that starts with `/` and goes on over several lines is being written, not looked up.
  const query = computed(() => (draft.value.startsWith('/') && !draft.value.includes('\n') ? draft.value.slice(1) : undefined));
  const open = computed(() => query.value !== undefined && !dismissed.value && prompts.value.length > 0);
  const matches = computed(() => (open.value ? matchPrompts(prompts.value, query.value ?? '') : []));
  const active = computed(() => matches.value[Math.min(activeIndex.value, matches.value.length - 1)]);

  // Both live as long as the panel: nothing to dispose of.
  effect(() => {
    if (query.value === undefined) dismissed.value = false;
  });
  // A new filter starts from the best match.
  effect(() => {
    void query.value;
    activeIndex.value = 0;
  });

  function move(step: number): void {
    const count = matches.value.length;
    if (count > 0) activeIndex.value = (Math.min(activeIndex.value, count - 1) + step + count) % count;
  }

  async function choose(prompt: Prompt): Promise<void> {
    const typed = draft.value;
    dismissed.value = true;
    const filled = fillForPage(prompt.text, needsPage(prompt) ? await readPage() : NO_PAGE);
    // Whatever was typed while the page was read stays, after the prompt.
    draft.value = filled.text + (draft.value.startsWith(typed) ? draft.value.slice(typed.length) : '');
    inserted(filled.notice);
  }

  /** A key in the message box; true when the list took it (the box must then ignore it). */
  function key(name: string): boolean {
    if (!open.value) return false;
    if (name === 'Escape') {
      dismissed.value = true;
      return true;
    }
    if (matches.value.length === 0) return false;
    if (name === 'ArrowDown' || name === 'ArrowUp') {
      move(name === 'ArrowDown' ? 1 : -1);
      return true;
    }
    if ((name === 'Enter' || name === 'Tab') && active.value) {
      void choose(active.value);
      return true;
    }
    return false;
  }

  return { open, query, matches, active, key, choose };
}
