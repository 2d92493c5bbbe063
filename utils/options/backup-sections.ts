/**
 * The stored items Export all writes besides the conversations, each as a named section, and how
 * Import checks and applies each one. The extension point: a stored item that should travel
 * (prompts, saved endpoints…) adds a section here — its name, how to read it, its own validation,
 * and its merge rule — and the file, the import and the tests need nothing else.
 */
import * as v from 'valibot';
import { t } from '../i18n';
import { settingsItem } from '../settings';
import { loadPromptLibrary, promptLibraryItem, PROMPT_LIMITS, savePrompts, StoredLibrarySchema } from '../prompt-library';
import { parseStoredSettings } from './settings-form';
import { siteGrantsItem, type SiteGrant } from '../site-consent';
import { keepingSecrets, withoutSecrets } from './backup-secrets';

export interface ApplyOptions {
  /** The user ticked "Replace settings". */
  replaceSettings: boolean;
}

/** `apply` writes, and returns the line the import's report gives it, if any. */
export type SectionCheck = { ok: true; apply(options: ApplyOptions): Promise<string | undefined> } | { ok: false; error: string };

export interface BackupSection {
  name: string;
  /** The value for the file, or undefined when nothing is stored. */
  read(options: { includeKeys: boolean }): Promise<unknown>;
  /** Checks a value from a file; nothing is written until every section has passed. */
  check(value: unknown): SectionCheck;
}

const settingsSection: BackupSection = {
  name: 'settings',
  async read({ includeKeys }) {
    const stored = await settingsItem.getValue();
    return includeKeys ? stored : withoutSecrets(stored);
  },
  check(value) {
    const parsed = parseStoredSettings(value);
    if (!parsed.ok) return { ok: false, error: Object.values(parsed.errors).join(' ') };
    return {
      ok: true,
      async apply({ replaceSettings }) {
        if (!replaceSettings) return t('backupSettingsKept');
        // A file without keys leaves the keys here as they are.
        const incoming = parseStoredSettings(keepingSecrets(value, await settingsItem.getValue()));
        if (!incoming.ok) return t('backupSettingsKept');
        await settingsItem.setValue(incoming.settings);
        return t('backupSettingsReplaced');
      },
    };
  },
};

const SiteGrantsSchema = v.array(v.object({ site: v.pipe(v.string(), v.regex(/^(https?:\/\/[^/\s]+|file:\/\/)$/)), grantedAt: v.number() }));

/** Sites always allowed to share: merged, never removed (a grant here stays unless revoked here). */
const siteGrantsSection: BackupSection = {
  name: 'siteGrants',
  read: () => siteGrantsItem.getValue(),
  check(value) {
    const parsed = v.safeParse(SiteGrantsSchema, value);
    if (!parsed.success) return { ok: false, error: issueText(parsed.issues) };
    return {
      ok: true,
      async apply() {
        const here = await siteGrantsItem.getValue();
        const added: SiteGrant[] = parsed.output.filter((grant) => !here.some((h) => h.site === grant.site));
        if (added.length) await siteGrantsItem.setValue([...here, ...added]);
        return undefined;
      },
    };
  },
};

/** Saved prompts: those whose name is not here yet are added (names are unique); none is replaced. */
const promptsSection: BackupSection = {
  name: 'prompts',
  read: () => promptLibraryItem.getValue(),
  check(value) {
    const parsed = v.safeParse(StoredLibrarySchema, value);
    if (!parsed.success) return { ok: false, error: issueText(parsed.issues) };
    return {
      ok: true,
      async apply() {
        const incoming = parsed.output.prompts;
        if (!incoming) return undefined;
        const here = (await loadPromptLibrary()).prompts;
        const named = new Set(here.map((prompt) => prompt.name.toLowerCase()));
        const added = incoming.filter((prompt) => !named.has(prompt.name.toLowerCase()));
        if (added.length) await savePrompts([...here, ...added].slice(0, PROMPT_LIMITS.count));
        return undefined;
      },
    };
  },
};

export const BACKUP_SECTIONS: BackupSection[] = [settingsSection, siteGrantsSection, promptsSection];

export function issueText(issues: v.BaseIssue<unknown>[]): string {
  const [first] = issues;
  return t('backupIssue', v.getDotPath(first) ?? '—', first.message);
}
