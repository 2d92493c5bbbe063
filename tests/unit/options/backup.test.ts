// Export all and Import on the options side: the file's shape, the checks before any write, the merge rules.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OptionsMessage } from '@/utils/contract/options-messages';
import type { HistoryDump } from '@/utils/contract/options-messages';
import { createBackupModel } from '@/utils/options/backup-model';
import { keepingSecrets, withoutSecrets } from '@/utils/options/backup-secrets';
import { DEFAULT_ENDPOINT, DEFAULT_SETTINGS, settingsItem } from '@/utils/settings';
import { promptLibraryItem } from '@/utils/prompt-library';
import { siteGrantsItem } from '@/utils/site-consent';
import { message } from '../../fixtures/history';

const HISTORY: HistoryDump = {
  conversations: [{ id: 'c', title: 'Tides', createdAt: 1, updatedAt: 2, messageCount: 2, pinned: true }],
  messages: [message('c', 0, { text: 'How do tides work?' }), message('c', 1, { text: 'The moon.' })],
};

function setup(history: HistoryDump = HISTORY) {
  const sent: OptionsMessage[] = [];
  const files: Array<{ name: string; text: string }> = [];
  const model = createBackupModel({
    async send(request) {
      sent.push(request);
      return request.type === 'export-history' ? history : { added: 1, replaced: 0, kept: 0 };
    },
    saveFile: (name, text) => files.push({ name, text }),
    missingEndpointPermission: vi.fn(async () => undefined),
    now: () => new Date('2026-12-05T10:00:00Z'),
  });
  return { model, sent, files };
}

const fileOf = (text: string) => ({ text: async () => text });
const statusText = (model: ReturnType<typeof setup>['model']) => {
  const status = model.status.value;
  return status.kind === 'done' ? status.lines.join(' ') : status.kind === 'failed' ? status.message : status.kind;
};

beforeEach(() => fakeBrowser.reset());

describe('Export all', () => {
  it('writes one versioned file: conversations, settings without the API key, site grants', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_ENDPOINT, apiKey: 'sk-secret', projectId: 'p1' } });
    await siteGrantsItem.setValue([{ site: 'https://example.com', grantedAt: 5 }]);
    const { model, files } = setup();
    await model.exportAll();
    expect(files).toHaveLength(1);
    expect(files[0].name).toBe('sidechat-export-2026-12-05.json');
    expect(files[0].text).not.toContain('sk-secret');
    const file = JSON.parse(files[0].text);
    expect(file).toMatchObject({ format: 'sidechat-backup', version: 1, includesKeys: false, conversations: HISTORY.conversations, messages: HISTORY.messages });
    expect(file.sections.settings.endpoint.projectId).toBe('p1');
    expect(file.sections.settings.endpoint).not.toHaveProperty('apiKey');
    expect(file.sections.siteGrants).toEqual([{ site: 'https://example.com', grantedAt: 5 }]);
    expect(statusText(model)).toBe('Exported 1 conversations.');
  });

  it('keeps the API key in only when the box is ticked', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_ENDPOINT, apiKey: 'sk-secret' } });
    const { model, files } = setup();
    model.includeKeys.value = true;
    await model.exportAll();
    expect(JSON.parse(files[0].text)).toMatchObject({ includesKeys: true, sections: { settings: { endpoint: { apiKey: 'sk-secret' } } } });
  });
});

describe('Import', () => {
  async function exported(): Promise<string> {
    const { model, files } = setup();
    await model.exportAll();
    return files[0].text;
  }

  it.each([
    ['not JSON', '{ nope', 'it is not JSON'],
    ['a foreign JSON file', '{"name":"package","version":"1.0.0"}', 'not a Sidechat export'],
    ['a newer format', '{"format":"sidechat-backup","version":9}', 'newer Sidechat (format version 9)'],
    ['a damaged export', '{"format":"sidechat-backup","version":1,"exportedAt":"x","includesKeys":false,"conversations":[{"id":""}],"messages":[],"sections":{}}', 'is damaged (at conversations.0'],
  ])('refuses %s, changing nothing and saying why', async (_name, text, says) => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_ENDPOINT, projectId: 'mine' } });
    const { model, sent } = setup();
    model.replaceSettings.value = true;
    await model.importFile(fileOf(text));
    expect(statusText(model)).toContain(says);
    expect(statusText(model)).toContain('Nothing was changed.');
    expect(sent).toEqual([]);
    expect((await settingsItem.getValue()).endpoint.projectId).toBe('mine');
  });

  it('refuses a file whose settings are invalid before writing anything, history included', async () => {
    const file = JSON.parse(await exported());
    file.sections.settings.endpoint.url = 'ftp://example.com';
    file.sections.siteGrants = [{ site: 'https://new.example', grantedAt: 1 }];
    const { model, sent } = setup();
    await model.importFile(fileOf(JSON.stringify(file)));
    expect(statusText(model)).toMatch(/^The file's settings are not valid: .*ftp.* Nothing was changed\.$/);
    expect(sent).toEqual([]);
    expect(await siteGrantsItem.getValue()).toEqual([]);
  });

  it('merges the history and the site grants, and leaves settings alone unless Replace settings is ticked', async () => {
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_ENDPOINT, projectId: 'theirs' } });
    await siteGrantsItem.setValue([{ site: 'https://a.example', grantedAt: 1 }]);
    const text = await exported();
    await settingsItem.setValue({ ...DEFAULT_SETTINGS, endpoint: { ...DEFAULT_ENDPOINT, projectId: 'mine', apiKey: 'sk-mine' } });
    await siteGrantsItem.setValue([{ site: 'https://b.example', grantedAt: 2 }]);

    const { model, sent } = setup();
    await model.importFile(fileOf(text));
    expect(sent).toEqual([{ type: 'import-history', dump: HISTORY }]);
    expect(statusText(model)).toBe('Imported: 1 new conversations, 0 updated, 0 kept as they were here. Settings not changed (tick Replace settings to take the file\'s).');
    expect((await settingsItem.getValue()).endpoint.projectId).toBe('mine');
    expect((await siteGrantsItem.getValue()).map((g) => g.site)).toEqual(['https://b.example', 'https://a.example']);

    model.replaceSettings.value = true;
    await model.importFile(fileOf(text));
    expect(statusText(model)).toContain('Settings replaced.');
    // The file had no key: the one here stays.
    expect(await settingsItem.getValue()).toMatchObject({ endpoint: { projectId: 'theirs', apiKey: 'sk-mine' } });
  });

  it('skips a section this version does not know, and says an endpoint needs permission', async () => {
    const file = JSON.parse(await exported());
    file.sections.savedEndpoints = [{ id: 'p', url: 'https://api.example.com' }];
    const { model } = setup();
    const deps = createBackupModel({ send: async () => ({ added: 0, replaced: 0, kept: 1 }), saveFile: () => {}, missingEndpointPermission: async () => 'api.example.com' });
    await deps.importFile(fileOf(JSON.stringify(file)));
    expect(statusText(deps)).toContain('skipped: savedEndpoints.');
    expect(statusText(deps)).toContain('The endpoint on api.example.com needs your permission');
    expect(model.status.value.kind).toBe('idle');
  });
});

describe('prompts in the file', () => {
  it('travel with Export all, and Import adds the ones whose name is not here', async () => {
    await promptLibraryItem.setValue({ prompts: [{ id: 'a', name: 'Shorten', text: 'Shorten: {{selection}}' }], selectionAction: 'send' });
    const { model, files } = setup();
    await model.exportAll();
    await promptLibraryItem.setValue({ prompts: [{ id: 'b', name: 'Explain', text: 'Explain it' }], selectionAction: 'fill' });
    await model.importFile(fileOf(files[0].text));
    expect((await promptLibraryItem.getValue()).prompts?.map((p) => p.name)).toEqual(['Explain', 'Shorten']);
  });

  it('refuses a file whose prompts are malformed, changing nothing', async () => {
    const { model, files } = setup();
    await model.exportAll();
    const file = JSON.parse(files[0].text);
    file.sections.prompts = { prompts: [{ id: 'p', text: 'no name' }], selectionAction: 'send' };
    await model.importFile(fileOf(JSON.stringify(file)));
    expect(statusText(model)).toContain('Nothing was changed.');
  });
});

describe('secrets in stored values', () => {
  it('are fields named as secrets, not every field whose name contains one', () => {
    expect(withoutSecrets({ contextBudgetTokens: 8000, endpoint: { apiKey: 'k', url: 'u' } })).toEqual({ contextBudgetTokens: 8000, endpoint: { url: 'u' } });
  });

  it('are left out at any depth, and kept from here when an import lacks them', () => {
    const stored = { endpointUrl: 'x', apiKey: 'k', endpoints: [{ id: 'a', url: 'u', apiKey: 'ka' }, { id: 'b', token: 'tb' }] };
    const stripped = withoutSecrets(stored);
    expect(stripped).toEqual({ endpointUrl: 'x', endpoints: [{ id: 'a', url: 'u' }, { id: 'b' }] });
    const incoming = { endpointUrl: 'y', endpoints: [{ id: 'b' }, { id: 'c', url: 'v' }] };
    expect(keepingSecrets(incoming, stored)).toEqual({ apiKey: 'k', endpointUrl: 'y', endpoints: [{ id: 'b', token: 'tb' }, { id: 'c', url: 'v' }] });
  });
});
