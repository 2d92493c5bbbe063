import type { BackupModel } from '@/utils/options/backup-model';
import { t } from '@/utils/i18n';

/** Options → Export and import: Export all, Import, and the two choices that go with them. */
export function BackupSection({ model }: { model: BackupModel }) {
  const status = model.status.value;
  const busy = status.kind === 'working';
  const checkbox = (id: string, checked: boolean, set: (on: boolean) => void, label: string, hint: string) => (
    <div class="field checkbox">
      <input id={id} type="checkbox" checked={checked} aria-describedby={`${id}-hint`} onChange={(event) => set(event.currentTarget.checked)} />
      <label for={id}>{label}</label>
      <p id={`${id}-hint`} class="field-hint">
        {hint}
      </p>
    </div>
  );
  return (
    <section class="options backup" aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backupHeading')}</h2>
      <p class="field-hint">{t('backupHint')}</p>
      {checkbox('backup-keys', model.includeKeys.value, (on) => (model.includeKeys.value = on), t('backupIncludeKeys'), t('backupIncludeKeysHint'))}
      <div class="actions">
        <button type="button" disabled={busy} onClick={() => void model.exportAll()}>
          {t('backupExportAll')}
        </button>
      </div>
      {checkbox('backup-replace', model.replaceSettings.value, (on) => (model.replaceSettings.value = on), t('backupReplaceSettings'), t('backupReplaceSettingsHint'))}
      <div class="actions">
        {/* The file input is hidden behind a button named Import: one control, one name. */}
        <input
          id="backup-file"
          type="file"
          accept="application/json,.json"
          aria-label={t('backupImportFile')}
          hidden
          onChange={(event) => {
            const file = event.currentTarget.files?.[0];
            event.currentTarget.value = '';
            if (file) void model.importFile(file);
          }}
        />
        <button type="button" disabled={busy} onClick={() => (document.getElementById('backup-file') as HTMLInputElement).click()}>
          {t('backupImport')}
        </button>
        <div class={`status ${status.kind}`} role="status">
          {status.kind === 'working' && t('backupWorking')}
          {status.kind === 'done' && status.lines.map((line) => <p key={line}>{line}</p>)}
          {status.kind === 'failed' && <p role="alert">{status.message}</p>}
        </div>
      </div>
    </section>
  );
}
