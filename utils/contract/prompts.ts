/**
 * Saved prompts and their placeholders, the same on every side: Options edits them, the panel
 * offers them after `/`, the background puts the selection ones in the context menu. Pure: the
 * stored library, the defaults and filling a prompt in for the page are in utils/prompt-library.ts.
 */

export interface Prompt {
  id: string;
  name: string;
  text: string;
}

export const PLACEHOLDERS = ['selection', 'page_title', 'page_url', 'language'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Partial<Record<Placeholder, string>>;

/** `{{name}}`, spaces inside the braces allowed. */
const PLACEHOLDER_PATTERN = /\{\{\s*([a-z_]+)\s*\}\}/gi;

const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders a prompt's text uses, known ones only, each once. */
export function placeholdersIn(text: string): Placeholder[] {
  const found = [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[1].toLowerCase()).filter(isPlaceholder);
  return [...new Set(found)];
}

/** `{{names}}` that are not placeholders: most likely typos the user wants to hear about. */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER_PATTERN)].map((match) => match[0]).filter((whole) => !isPlaceholder(whole.slice(2, -2).trim().toLowerCase()));
}

export const usesSelection = (prompt: Pick<Prompt, 'text'>) => placeholdersIn(prompt.text).includes('selection');

/** Whether filling the prompt reads the page (its selection, title or address); `{{language}}` does not. */
export const needsPage = (prompt: Pick<Prompt, 'text'>) => placeholdersIn(prompt.text).some((name) => name !== 'language');

/**
 * The text with each placeholder replaced, in one pass: a value that itself contains `{{…}}`
 * (a selection quoting a template, say) stays as it is. A placeholder without a value becomes
 * empty; `missing` says which, so the caller can tell the user.
 */
export function fillPrompt(text: string, values: PlaceholderValues): { text: string; missing: Placeholder[] } {
  const missing = new Set<Placeholder>();
  const filled = text.replace(PLACEHOLDER_PATTERN, (whole, raw: string) => {
    const name = raw.toLowerCase();
    if (!isPlaceholder(name)) return whole;
    const value = values[name];
    if (value === undefined) missing.add(name);
    return value ?? '';
  });
  return { text: filled, missing: [...missing] };
}

/** The browser's UI language by name, in that language ("English", "Deutsch"): what `{{language}}` reads. */
export function languageName(uiLanguage: string): string {
  // Firefox may say `pt_BR`; Intl wants `pt-BR`.
  const tag = uiLanguage.replaceAll('_', '-');
  const base = tag.split('-')[0] || tag;
  try {
    const name = new Intl.DisplayNames([tag], { type: 'language' }).of(base);
    return name ? name.charAt(0).toLocaleUpperCase(tag) + name.slice(1) : uiLanguage;
  } catch {
    return uiLanguage;
  }
}

/** Case- and accent-insensitive, as a user typing after `/` expects. */
const folded = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Prompts whose name matches what was typed after `/`: names starting with it first, then names containing it. */
export function matchPrompts(prompts: Prompt[], query: string): Prompt[] {
  const wanted = folded(query.trim());
  if (!wanted) return prompts;
  const starting = prompts.filter((prompt) => folded(prompt.name).startsWith(wanted));
  const containing = prompts.filter((prompt) => !starting.includes(prompt) && folded(prompt.name).includes(wanted));
  return [...starting, ...containing];
}
