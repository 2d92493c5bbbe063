/**
 * Finding and keeping conversations, end to end: search, pin and rename, Export, Export all and
 * Import, and the page shared as Markdown. Run by both browsers' suites.
 */
import assert from 'node:assert/strict';
import { cannedResponder } from './canned-responder';
import type { UiPage } from './driver';
import { configure, ENDED, send, waitForCalls, waitForReply, type Scenario, type ScenarioContext, type TestServer } from './scenarios';

/** Asks each question in turn in the panel's current conversation, waiting for each reply. */
async function converse(panel: UiPage, questions: string[], firstReply = 1): Promise<void> {
  for (const [i, question] of questions.entries()) {
    await send(panel, question);
    const reply = await waitForReply(panel, { states: ENDED, nth: firstReply + i }, `the reply to “${question}”`);
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
  }
}

/** Three conversations; only the first has the word “zeppelin”, in its third message (the second question). */
async function threeConversations(ctx: ScenarioContext): Promise<{ server: TestServer; panel: UiPage; options: UiPage }> {
  const server = await ctx.startServer({ responder: cannedResponder(() => 'Noted, thank you.') });
  const options = await configure(ctx, server);
  const panel = await ctx.openPanel();
  await converse(panel, ['Planning a trip to Friedrichshafen', 'Is there a museum about a zeppelin there?']);
  for (const questions of [['Recipes for a rainy day', 'Something with lentils'], ['How do tides work?', 'And spring tides?']]) {
    await panel.clickButton('New chat');
    await panel.waitFor(() => document.querySelectorAll('[data-author]').length === 0 || null, undefined, { what: 'an empty panel' });
    await converse(panel, questions);
  }
  return { server, panel, options };
}

/** In the page: whether the list shows exactly these titles, in this order. */
function titlesAre(expected: string[]): true | null {
  const rows = [...document.querySelectorAll('.conversation-row .conversation-title')].map((title) => title.textContent ?? '');
  return JSON.stringify(rows) === JSON.stringify(expected) || null;
}

async function openHistory(panel: UiPage, count: number): Promise<string[]> {
  await panel.clickButton('History');
  return panel.waitFor((n) => (document.querySelectorAll('.conversation-row').length === n ? [...document.querySelectorAll('.conversation-row .conversation-title')].map((t) => t.textContent ?? '') : null), count, {
    what: `${count} conversations in the list`,
  });
}

/** In the page: clicks on a save link are recorded (name and text), not sent to the browser's downloads. */
function trapDownloads(): void {
  const saved: Array<{ name: string; text: string }> = [];
  (window as unknown as { savedFiles: typeof saved }).savedFiles = saved;
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const { download, href } = this;
    void fetch(href)
      .then((response) => response.text())
      .then((text) => saved.push({ name: download, text }));
  };
}

function savedFile(page: UiPage, what: string): Promise<{ name: string; text: string }> {
  return page.waitFor(() => (window as unknown as { savedFiles?: Array<{ name: string; text: string }> }).savedFiles?.[0], undefined, { what });
}

/** Picks `text` as the file to import, as the file chooser would, and lets the page read it. */
function chooseImportFile(options: UiPage, text: string): Promise<void> {
  return options.evaluate((content) => {
    const input = document.getElementById('backup-file') as HTMLInputElement;
    const files = new DataTransfer();
    files.items.add(new File([content], 'sidechat-export.json', { type: 'application/json' }));
    input.files = files.files;
    input.dispatchEvent(new Event('change', { bubbles: true }));
  }, text);
}

const backupStatus = () => document.querySelector('.backup [role=status]')?.textContent || null;

export const keepScenarios: Record<string, Scenario> = {
  async 'Search conversations finds one by a word in its third message, and not the others'(ctx) {
    const { panel } = await threeConversations(ctx);
    await openHistory(panel, 3);
    await panel.fillByLabel('Search conversations', 'zeppel');
    const found = await panel.waitFor(
      () => {
        const rows = document.querySelectorAll('.conversation-row');
        const marks = [...document.querySelectorAll('.conversation-row mark')].map((m) => m.textContent);
        return rows.length === 1 && marks.length ? { title: rows[0].querySelector('.conversation-title')?.textContent, snippet: rows[0].querySelector('.conversation-snippet')?.textContent, marks } : null;
      },
      undefined,
      { what: 'one conversation found, its match marked' },
    );
    assert.deepEqual(found, { title: 'Planning a trip to Friedrichshafen', snippet: 'Is there a museum about a zeppelin there?', marks: ['zeppelin'] });
    await ctx.screenshot(panel, 'search-highlighted');
    await panel.fillByLabel('Search conversations', 'tides');
    await panel.waitFor(titlesAre, ['How do tides work?'], { what: 'only the tides conversation' });
    await panel.fillByLabel('Search conversations', 'submarine');
    await panel.waitFor(() => (document.querySelectorAll('.conversation-row').length === 0 && document.querySelector('.search-status')?.textContent === 'No conversation has “submarine”.') || null, undefined, {
      what: 'no conversation, said so',
    });
  },

  async 'pin and rename survive a reload'(ctx) {
    const { panel } = await threeConversations(ctx);
    assert.deepEqual(await openHistory(panel, 3), ['How do tides work?', 'Recipes for a rainy day', 'Planning a trip to Friedrichshafen']);
    await panel.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.conversation-pin')[2].click());
    await panel.waitFor(titlesAre, ['Planning a trip to Friedrichshafen', 'How do tides work?', 'Recipes for a rainy day'], { what: 'the pinned conversation on top' });
    await panel.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.conversation-rename')[2].click());
    await panel.fillByLabel('New name', 'Lentil soup');
    await panel.press('Enter');
    await panel.waitFor(titlesAre, ['Planning a trip to Friedrichshafen', 'How do tides work?', 'Lentil soup'], { what: 'the new name in the list' });
    await panel.close();

    const reopened = await ctx.openPanel();
    await waitForReply(reopened, { states: ['done'] }, 'the panel to show its conversation again');
    assert.deepEqual(await openHistory(reopened, 3), ['Planning a trip to Friedrichshafen', 'How do tides work?', 'Lentil soup']);
    assert.deepEqual(await reopened.evaluate(() => [...document.querySelectorAll('.conversation-pin')].map((b) => b.getAttribute('aria-pressed'))), ['true', 'false', 'false']);
    await ctx.screenshot(reopened, 'pinned-renamed');
  },

  async 'Export saves the conversation as a Markdown file with its messages'(ctx) {
    const server = await ctx.startServer({ responder: cannedResponder((q) => (q.includes('table') ? '| a | b |\n|---|---|\n| 1 | 2 |' : 'Use **bold** sparingly.')) });
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await converse(panel, ['How should I use bold?', 'Show me a table']);
    await panel.evaluate(trapDownloads);
    await panel.clickButton('Export');
    const file = await savedFile(panel, 'the exported file');
    assert.match(file.name, /^sidechat-how-should-i-use-bold-\d{4}-\d{2}-\d{2}\.md$/);
    assert.match(file.text, /^# How should I use bold\?\n\n\*Exported from Sidechat on \d{4}-\d{2}-\d{2} · 4 messages\*\n\n## You\n\nHow should I use bold\?\n\n## Sidechat\n\nUse \*\*bold\*\* sparingly\.\n\n## You\n\nShow me a table\n\n## Sidechat\n\n\| a \| b \|\n\|---\|---\|\n\| 1 \| 2 \|\n$/);
  },

  async 'Export all, then Clear, then Import gives the same conversations back'(ctx) {
    const { panel, options } = await threeConversations(ctx);
    await options.evaluate(trapDownloads);
    await options.setChecked('Include API keys in the file', false);
    await options.clickButton('Export all');
    const file = await savedFile(options, 'the Export all file');
    assert.match(file.name, /^sidechat-export-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(file.text);
    assert.equal(exported.format, 'sidechat-backup');
    assert.equal(exported.conversations.length, 3);
    assert.equal(exported.messages.length, 12);
    assert.ok(!('apiKey' in exported.sections.settings), 'the API key went into the file');
    await options.waitFor(backupStatus, undefined, { what: 'Export all to say it is done' });

    await options.clickButton('Delete all conversations…');
    await options.clickButton('Yes, delete all conversations');
    await panel.waitFor(() => document.querySelectorAll('[data-author]').length === 0 || null, undefined, { what: 'the panel emptied by Delete all' });

    await chooseImportFile(options, file.text);
    const status = await options.waitFor(
      () => {
        const text = document.querySelector('.backup [role=status]')?.textContent ?? '';
        return text.includes('Imported') ? text : null;
      },
      undefined,
      { what: 'the import to finish' },
    );
    assert.match(status, /^Imported: 3 new conversations, 0 updated, 0 kept as they were here\.Settings not changed/);
    await ctx.screenshot(options, 'export-import');
    assert.deepEqual(await openHistory(panel, 3), ['How do tides work?', 'Recipes for a rainy day', 'Planning a trip to Friedrichshafen']);
    await panel.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.conversation-open')[2].click());
    const reply = await waitForReply(panel, { states: ['done'], nth: 2 }, 'the imported conversation to open with its messages');
    assert.equal(reply.text, 'Noted, thank you.');
    await panel.clickButton('History');
    await panel.fillByLabel('Search conversations', 'zeppelin');
    await panel.waitFor(titlesAre, ['Planning a trip to Friedrichshafen'], { what: 'search to find an imported conversation' });
  },

  async 'a malformed import file changes nothing and says why'(ctx) {
    const server = await ctx.startServer({ responder: cannedResponder(() => 'Fine.') });
    const options = await configure(ctx, server, { projectId: 'kept-project' });
    const panel = await ctx.openPanel();
    await converse(panel, ['Keep me']);
    await options.setChecked('Replace settings', true);
    await chooseImportFile(options, '{"format":"sidechat-backup","version":1,"exportedAt":"today","includesKeys":false,"conversations":"oops","messages":[],"sections":{"settings":{"projectId":"other"}}}');
    const said = await options.waitFor(() => document.querySelector('.backup [role=alert]')?.textContent, undefined, { what: 'the import to be refused' });
    assert.match(said, /^This Sidechat export is damaged \(at conversations: .+\)\. Nothing was changed\.$/);
    await chooseImportFile(options, 'not json at all');
    await options.waitFor(() => document.querySelector('.backup [role=alert]')?.textContent === 'This file is not a Sidechat export: it is not JSON. Nothing was changed.' || null, undefined, { what: 'the non-JSON file to be refused' });
    await ctx.screenshot(options, 'import-refused');
    assert.equal(await options.evaluate(() => (document.getElementById('projectId') as HTMLInputElement).value), 'kept-project');
    assert.deepEqual(await openHistory(panel, 1), ['Keep me']);
  },

  async 'a page with a table and code is shared as Markdown, and the panel names the page'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const pageUrl = await ctx.serveTestPage('127.0.0.1', 'table-code.html');
    await ctx.openWebPage(pageUrl);
    const panel = await ctx.openPanel();
    await panel.waitFor(() => document.querySelector('.page-indicator-title')?.textContent === 'Page: “Tide tables and a script — Harbour notes”' || null, undefined, { what: 'the panel to name the page' });
    await send(panel, 'summarize this page');
    await waitForCalls(panel, { status: 'asking' }, 'the consent prompt');
    await panel.clickButton('Allow once');
    const [call] = await waitForCalls(panel, { status: 'done' }, 'the page to be shared');
    assert.match(call.label, /^Shared “Tide tables and a script — Harbour notes” — [\d,]+ characters$/);
    assert.ok(call.shared?.includes('| Day | High water | Low water |\n| --- | --- | --- |\n| Monday | 06:12 | 12:30 |'), `no table in ${call.shared}`);
    assert.ok(call.shared?.includes('```python\ndef minutes(time):'), `no code fence in ${call.shared}`);
    const sent = JSON.stringify(server.requests.all.map((r) => r.body));
    assert.ok(sent.includes('| Monday | 06:12 | 12:30 |'), 'the endpoint did not get the table as Markdown');
    await waitForReply(panel, { states: ENDED }, 'the summary');
  },
};
