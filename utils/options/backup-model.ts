/**
 * Options → Export and import. Export all: the saved history (from the background) and every
 * backup section, as one versioned JSON file. Import: the file is read and checked whole — format,
 * version, history, each section by its own validation — before anything is written, so a bad or
 * foreign file changes nothing and says why.
 */
import { signal } from '@preact/signals';
import * as v from 'valibot';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupFileSchema, BackupHeaderSchema, type BackupFile } from '../contract/backup-file';
import type { HistoryDump, ImportCounts, OptionsMessage } from '../contract/options-messages';
import { t } from '../i18n';
import { BACKUP_SECTIONS, issueText, type BackupSection } from './backup-sections';

export type BackupStatus = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; lines: string[] } | { kind: 'failed'; message: string };

export interface BackupDeps {
  /** runtime.sendMessage to the background. */
  send(message: OptionsMessage): Promise<unknown>;
  saveFile(fileName: string, text: string, type: string): void;
  /** The host an endpoint in the settings still needs permission for, if any. */
  missingEndpointPermission(): Promise<string | undefined>;
  sections?: BackupSection[];
  now?: () => Date;
}

export type BackupModel = ReturnType<typeof createBackupModel>;

export function createBackupModel(deps: BackupDeps) {
  const sections = deps.sections ?? BACKUP_SECTIONS;
  const now = deps.now ?? (() => new Date());
  const includeKeys = signal(false);
  const replaceSettings = signal(false);
  const status = signal<BackupStatus>({ kind: 'idle' });

  async function run(work: () => Promise<string[]>): Promise<void> {
    status.value = { kind: 'working' };
    try {
      status.value = { kind: 'done', lines: await work() };
    } catch (error) {
      status.value = { kind: 'failed', message: error instanceof RefusedFile ? error.message : t('backupFailed', (error as Error)?.message ?? String(error)) };
    }
  }

  const exportAll = () =>
    run(async () => {
      const history = (await deps.send({ type: 'export-history' })) as HistoryDump;
      const stored: Record<string, unknown> = {};
      for (const section of sections) {
        const value = await section.read({ includeKeys: includeKeys.value });
        if (value !== undefined) stored[section.name] = value;
      }
      const date = now();
      const file: BackupFile = { format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: date.toISOString(), includesKeys: includeKeys.value, ...history, sections: stored };
      deps.saveFile(`sidechat-export-${date.toISOString().slice(0, 10)}.json`, JSON.stringify(file, null, 1), 'application/json');
      return [t('backupExported', history.conversations.length)];
    });

  const importFile = (file: { text(): Promise<string> }) =>
    run(async () => {
      const backup = checkedFile(await file.text());
      const checks = sections.flatMap((section) => (section.name in backup.sections ? [{ section, check: section.check(backup.sections[section.name]) }] : []));
      for (const { section, check } of checks) if (!check.ok) throw new RefusedFile(t('backupSectionInvalid', section.name, check.error));
      // Everything passed: now write.
      const counts = (await deps.send({ type: 'import-history', dump: { conversations: backup.conversations, messages: backup.messages } })) as ImportCounts;
      const lines = [t('backupImported', counts.added, counts.replaced, counts.kept)];
      for (const { check } of checks) {
        const line = check.ok ? await check.apply({ replaceSettings: replaceSettings.value }) : undefined;
        if (line) lines.push(line);
      }
      const unknown = Object.keys(backup.sections).filter((name) => !sections.some((s) => s.name === name));
      if (unknown.length) lines.push(t('backupSkipped', unknown.join(', ')));
      const host = await deps.missingEndpointPermission();
      if (host) lines.push(t('backupPermissionLater', host));
      return lines;
    });

  return { includeKeys, replaceSettings, status, exportAll, importFile };
}

/** A file refused before anything was written; its message says why. */
class RefusedFile extends Error {}

function checkedFile(text: string): BackupFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new RefusedFile(t('backupNotJson'));
  }
  const header = v.safeParse(BackupHeaderSchema, json);
  if (!header.success) throw new RefusedFile(t('backupForeign'));
  if (header.output.version > BACKUP_VERSION) throw new RefusedFile(t('backupNewer', header.output.version));
  const parsed = v.safeParse(BackupFileSchema, json);
  if (!parsed.success) throw new RefusedFile(t('backupDamaged', issueText(parsed.issues)));
  return parsed.output;
}
