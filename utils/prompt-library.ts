/**
 * The prompt library in extension storage: its own versioned item (not part of the settings, so
 * the two migrate independently), what a stored value may hold, the rules for a prompt, the
 * defaults, and a prompt filled in for the page. The prompt model itself is utils/contract/prompts.ts.
 */
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { PromptPageAnswer } from './contract/prompt-page';
import { fillPrompt, languageName, PLACEHOLDERS, unknownPlaceholders, type Prompt } from './contract/prompts';
import { t } from './i18n';
import { debugLog } from './log';

/** What a selection prompt chosen from the context menu (or the keyboard command) does. */
export type SelectionAction = 'send' | 'fill';

export interface PromptLibrary {
  prompts: Prompt[];
  selectionAction: SelectionAction;
}

/** As stored: `prompts` is null until the user changes the list, so the defaults follow the browser's language. */
interface StoredLibrary {
  prompts: Prompt[] | null;
  selectionAction: SelectionAction;
}

export const PROMPT_LIMITS = { name: 60, text: 4000, count: 50 };

export const promptLibraryItem = storage.defineItem<StoredLibrary>('local:promptLibrary', {
  fallback: { prompts: null, selectionAction: 'send' },
  // Version 1 is the first shape; a change to it adds a migration here, as settings.ts does.
  // WXT records the version only for an item given `migrations`, so the (empty) map is needed.
  version: 1,
  migrations: {},
});

const StoredPromptSchema = v.object({
  id: v.pipe(v.string(), v.minLength(1)),
  name: v.pipe(v.string(), v.minLength(1), v.maxLength(PROMPT_LIMITS.name)),
  text: v.pipe(v.string(), v.minLength(1), v.maxLength(PROMPT_LIMITS.text)),
});

/** A whole stored library, as an exported file carries it. */
export const StoredLibrarySchema = v.object({
  prompts: v.nullable(v.pipe(v.array(StoredPromptSchema), v.maxLength(PROMPT_LIMITS.count))),
  selectionAction: v.picklist(['send', 'fill']),
});

/**
 * The library as the extension uses it. A stored value is read tolerantly: a prompt that isn't
 * one (written by hand, or by a later version) is left out, the rest kept.
 */
export async function loadPromptLibrary(): Promise<PromptLibrary> {
  const stored = (await promptLibraryItem.getValue()) as Partial<StoredLibrary> | null;
  const selectionAction = stored?.selectionAction === 'fill' ? 'fill' : 'send';
  if (!Array.isArray(stored?.prompts)) return { prompts: defaultPrompts(), selectionAction };
  const prompts = stored.prompts.flatMap((raw) => {
    const parsed = v.safeParse(StoredPromptSchema, raw);
    if (!parsed.success) debugLog('prompts', 'left out a stored prompt that is not one', v.flatten(parsed.issues));
    return parsed.success ? [parsed.output] : [];
  });
  return { prompts, selectionAction };
}

export async function savePrompts(prompts: Prompt[]): Promise<void> {
  const { selectionAction } = await loadPromptLibrary();
  await promptLibraryItem.setValue({ prompts, selectionAction });
}

export async function resetPrompts(): Promise<Prompt[]> {
  const { selectionAction } = await loadPromptLibrary();
  await promptLibraryItem.setValue({ prompts: null, selectionAction });
  return defaultPrompts();
}

export async function saveSelectionAction(selectionAction: SelectionAction): Promise<void> {
  const { prompts } = await promptLibraryItem.getValue();
  await promptLibraryItem.setValue({ prompts, selectionAction });
}

export type PromptErrors = Partial<Record<'name' | 'text', string>>;

/**
 * A prompt as typed into Options, checked against the others (`editingId`: the one being
 * replaced). Names are unique, ignoring case: they are what `/` filters on and the menu shows.
 */
export function validatePrompt(input: { name: string; text: string }, others: Prompt[], editingId?: string): { ok: true; name: string; text: string } | { ok: false; errors: PromptErrors } {
  const errors: PromptErrors = {};
  const name = input.name.trim().replace(/\s+/g, ' ');
  const text = input.text.trim();
  if (!name) errors.name = t('promptErrorNameEmpty');
  else if (name.length > PROMPT_LIMITS.name) errors.name = t('promptErrorNameLong', PROMPT_LIMITS.name, name.length);
  else if (others.some((other) => other.id !== editingId && other.name.toLowerCase() === name.toLowerCase())) errors.name = t('promptErrorNameTaken', name);

  const unknown = unknownPlaceholders(text);
  if (!text) errors.text = t('promptErrorTextEmpty');
  else if (text.length > PROMPT_LIMITS.text) errors.text = t('promptErrorTextLong', PROMPT_LIMITS.text, text.length);
  else if (unknown.length > 0) errors.text = t('promptErrorUnknownPlaceholder', unknown.join(', '), PLACEHOLDERS.map((p) => `{{${p}}}`).join(', '));

  if (!editingId && others.length >= PROMPT_LIMITS.count) errors.name ??= t('promptErrorTooMany', PROMPT_LIMITS.count);
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, name, text };
}

/** Calls `onChange` with the library now and after every change to it (from Options, in any window). */
export function watchPromptLibrary(onChange: (library: PromptLibrary) => void): () => void {
  const reload = () => void loadPromptLibrary().then(onChange);
  reload();
  return promptLibraryItem.watch(reload);
}

const PLACEHOLDER_WORDS = { selection: 'promptPlaceholderSelection', page_title: 'promptPlaceholderPageTitle', page_url: 'promptPlaceholderPageUrl' } as const;

/**
 * A prompt filled in for the page: its title and address as "Share this page" reads them, the
 * selection (the context menu's, when it gave one), the browser's language. When the page could
 * not be read, what it would have filled stays empty and `notice` says why.
 */
export function fillForPage(text: string, page: PromptPageAnswer, selection?: string): { text: string; notice?: string } {
  const language = languageName(browser.i18n.getUILanguage());
  const fromPage = page.ok ? { page_title: page.title, page_url: page.url, selection: page.selection ?? '' } : {};
  const filled = fillPrompt(text, { ...fromPage, ...(selection !== undefined && { selection }), language });
  if (filled.missing.length === 0 || page.ok) return { text: filled.text };
  const words = filled.missing.map((name) => t(PLACEHOLDER_WORDS[name as keyof typeof PLACEHOLDER_WORDS]));
  return { text: filled.text, notice: t('promptNotFilled', words.join(', '), page.message) };
}

/** The prompts a new install starts with, in the browser's language; read fresh, never stored until edited. */
export function defaultPrompts(): Prompt[] {
  return [
    { id: 'summarize', name: t('promptSummarizeName'), text: t('promptSummarizeText') },
    { id: 'explain', name: t('promptExplainName'), text: t('promptExplainText') },
    { id: 'translate', name: t('promptTranslateName'), text: t('promptTranslateText') },
    { id: 'fix-grammar', name: t('promptFixGrammarName'), text: t('promptFixGrammarText') },
    { id: 'reply', name: t('promptReplyName'), text: t('promptReplyText') },
  ];
}
