/**
 * The prompt library end to end: `/` in the message box, Options → Prompts, and the prompts in
 * the selection menu. Run by chromium.e2e.ts and firefox.e2e.ts.
 */
import assert from 'node:assert/strict';
import type { UiPage } from './driver';
import { configure, ENDED, expectAccessible, selectText, waitForReply, type Scenario, type ScenarioContext, type TestServer } from './scenarios';
import { TEST_PAGE_TITLE } from './test-page';

const PAGE_TITLE = `${TEST_PAGE_TITLE} | Coastal Histories`;

/** Options with the default prompts, sent at once from the menu: prompts persist from one scenario to the next. */
async function optionsWithDefaultPrompts(ctx: ScenarioContext, server: TestServer): Promise<UiPage> {
  const options = await configure(ctx, server);
  await options.clickButton('Reset to defaults…');
  await options.clickButton('Yes, replace my prompts with the defaults');
  await options.waitFor(() => document.querySelector('.prompts [role=status]')?.textContent === 'The default prompts are back.', undefined, {
    what: 'Options to say the default prompts are back',
  });
  await options.setChecked('is sent at once', true);
  // An earlier scenario's menu click made its tab the panel's page; that tab has closed since, and
  // the panel would rightly say so. A user's next click on Sidechat replaces it; here it is forgotten.
  await options.evaluate(async () => {
    const session = (globalThis as any).chrome.storage.session;
    await session.remove(Object.keys(await session.get(null)).filter((key) => key.startsWith('panelTab:')));
  });
  return options;
}

/** The test article with `selected` selected, then the panel beside it (in front). */
async function panelBesideSelection(ctx: ScenarioContext, selected: string): Promise<{ panel: UiPage; pageUrl: string }> {
  const pageUrl = await ctx.serveTestPage();
  const page = await ctx.openWebPage(pageUrl);
  await selectText(page, selected);
  return { panel: await ctx.openPanel(), pageUrl };
}

interface SlashSnapshot {
  options: string[];
  active: string | null;
  /** The message box points at the active option (aria-activedescendant) and controls the list. */
  pointsAtActive: boolean;
}

/** In the page: the slash list as assistive tech sees it, or null while it is closed. Self-contained. */
function slashList(): SlashSnapshot | null {
  const list = document.querySelector('[role=listbox]');
  if (!list) return null;
  const box = document.querySelector('textarea')!;
  const active = list.querySelector('[role=option][aria-selected=true]');
  return {
    options: [...list.querySelectorAll('[role=option] .slash-name')].map((name) => name.textContent ?? ''),
    active: active?.querySelector('.slash-name')?.textContent ?? null,
    pointsAtActive: !!active && box.getAttribute('aria-activedescendant') === active.id && box.getAttribute('aria-controls') === list.id,
  };
}

function waitForList(panel: UiPage, options: string[], what: string): Promise<SlashSnapshot> {
  return panel.waitFor((wanted) => {
    const list = (document.querySelector('[role=listbox]') ? [...document.querySelectorAll('[role=option] .slash-name')].map((n) => n.textContent).join('|') : null) ?? '';
    return list === wanted.join('|') || null;
  }, options, { what }).then(() => panel.evaluate(slashList) as Promise<SlashSnapshot>);
}

/** The message box's text once it no longer starts with `/`, and whether the caret is at its end. */
function waitForInserted(panel: UiPage, what: string): Promise<{ value: string; caretAtEnd: boolean; focused: boolean; listOpen: boolean; notice: string | null }> {
  return panel.waitFor(
    () => {
      const box = document.querySelector('textarea')!;
      if (!box.value || box.value.startsWith('/')) return null;
      return { value: box.value, caretAtEnd: box.selectionStart === box.value.length, focused: document.activeElement === box, listOpen: !!document.querySelector('[role=listbox]'), notice: document.querySelector('.composer-notice')?.textContent ?? null };
    },
    undefined,
    { what },
  );
}

const messageBox = (panel: UiPage) => panel.evaluate(() => document.querySelector('textarea')!.value);

async function screenshotInTheme(ctx: ScenarioContext, options: UiPage, panel: UiPage, theme: 'light' | 'dark'): Promise<void> {
  await options.selectByLabel('Theme', theme);
  await options.clickButton('Save');
  await panel.waitFor((t) => document.documentElement.dataset.theme === t, theme, { what: `the panel to turn ${theme}` });
  await panel.fillByLabel('Message', '/');
  await waitForList(panel, ['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this'], `the slash list (${theme})`);
  await ctx.screenshot(panel, `slash-list-${theme}`);
}

export const promptScenarios: Record<string, Scenario> = {
  async '/ opens the prompt list, filters as you type, Enter inserts the prompt filled in; arrows and Tab choose; Esc keeps the text'(ctx) {
    const server = await ctx.startServer();
    const options = await optionsWithDefaultPrompts(ctx, server);
    const { panel } = await panelBesideSelection(ctx, 'the keepers rationed the paraffin');

    await panel.fillByLabel('Message', '/');
    const all = await waitForList(panel, ['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this'], 'the prompt list after /');
    assert.deepEqual([all.active, all.pointsAtActive], ['Summarize', true]);
    await expectAccessible(ctx, panel, 'slash-list');
    await panel.press('t');
    await waitForList(panel, ['Translate', 'Reply to this'], 'the list filtered by "t"');
    await panel.press('r');
    const filtered = await waitForList(panel, ['Translate'], 'the list filtered by "tr"');
    assert.deepEqual([filtered.active, filtered.pointsAtActive], ['Translate', true]);
    await panel.press('Enter');
    const translate = await waitForInserted(panel, 'the Translate prompt in the message box');
    assert.deepEqual(translate, {
      value: 'Translate this into English. Answer with the translation only:\n\nthe keepers rationed the paraffin',
      caretAtEnd: true,
      focused: true,
      listOpen: false,
      notice: null,
    });
    await panel.press('Enter');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to the inserted prompt');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal((server.requests.all[0].body as Record<string, unknown>).message, translate.value);

    // Arrows move (and wrap), Tab chooses.
    await panel.fillByLabel('Message', '/');
    await waitForList(panel, ['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this'], 'the list again');
    await panel.press('ArrowUp');
    await panel.press('ArrowDown');
    await panel.press('ArrowDown');
    assert.deepEqual(await panel.evaluate(slashList), { options: ['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Reply to this'], active: 'Explain', pointsAtActive: true });
    await panel.press('Tab');
    assert.equal((await waitForInserted(panel, 'the Explain prompt')).value, 'Explain this in simple terms:\n\nthe keepers rationed the paraffin');

    // Esc closes the list and keeps the text; it stays closed while the user goes on typing.
    await panel.fillByLabel('Message', '/ex');
    await waitForList(panel, ['Explain'], 'the list filtered by "ex"');
    await panel.press('Escape');
    await panel.waitFor(() => !document.querySelector('[role=listbox]'), undefined, { what: 'Esc to close the list' });
    await panel.press('p');
    assert.equal(await messageBox(panel), '/exp');
    assert.equal(await panel.evaluate(() => document.querySelector('[role=listbox]')), null);
    // A slash elsewhere is just a slash.
    await panel.fillByLabel('Message', 'either/or');
    assert.equal(await panel.evaluate(() => document.querySelector('[role=listbox]')), null);

    await screenshotInTheme(ctx, options, panel, 'light');
    await screenshotInTheme(ctx, options, panel, 'dark');
    await options.selectByLabel('Theme', 'system');
    await options.clickButton('Save');
  },

  async 'Options → Prompts: a bad prompt is refused with a reason, a new one is saved, reordered, offered after / and in the selection menu'(ctx) {
    const server = await ctx.startServer();
    const options = await optionsWithDefaultPrompts(ctx, server);
    await options.clickButton('Add prompt');
    await options.fillByLabel('Prompt name', 'explain');
    await options.fillByLabel('Prompt text', 'Say {{page_titel}}');
    await options.clickButton('Save prompt');
    const errors = await options.waitFor(() => [...document.querySelectorAll('.prompt-editor .field-error')].map((e) => e.textContent).join('\n') || null, undefined, {
      what: 'the reasons the prompt was refused',
    });
    assert.equal(
      errors,
      'There is already a prompt named “explain”. Choose another name.\n{{page_titel}} is not a placeholder. The placeholders are {{selection}}, {{page_title}}, {{page_url}}, {{language}}.',
    );
    await options.fillByLabel('Prompt name', 'Haiku');
    await options.fillByLabel('Prompt text', 'A haiku about “{{page_title}}” from {{selection}}');
    await options.clickButton('Save prompt');
    await options.waitFor(() => document.querySelector('.prompts [role=status]')?.textContent === 'Prompts saved.', undefined, { what: 'the new prompt to be saved' });
    // Up one place: the buttons are named after their prompt ("Move “Haiku” up").
    await options.evaluate(() => (document.querySelector('[aria-label="Move “Haiku” up"]') as HTMLButtonElement).click());
    const order = await options.waitFor(
      () => {
        const names = [...document.querySelectorAll('.prompt-name')].map((n) => n.textContent);
        return names[4] === 'Haiku' ? names : null;
      },
      undefined,
      { what: 'Haiku to move up one place' },
    );
    assert.deepEqual(order, ['Summarize', 'Explain', 'Translate', 'Fix grammar', 'Haiku', 'Reply to this']);
    await options.evaluate(() => document.querySelector('.prompts')!.scrollIntoView());
    await ctx.screenshot(options, 'options-prompts');
    await expectAccessible(ctx, options, 'options-prompts');
    const haikuId = await options.evaluate(async () => {
      const { promptLibrary } = await (globalThis as any).chrome.storage.local.get('promptLibrary');
      return (promptLibrary as { prompts: Array<{ id: string; name: string }> }).prompts.find((p) => p.name === 'Haiku')!.id;
    });

    const { panel, pageUrl } = await panelBesideSelection(ctx, 'The lens still turns today');
    await panel.fillByLabel('Message', '/h');
    await waitForList(panel, ['Haiku', 'Reply to this'], 'the new prompt after /h');

    await ctx.driver.chooseSelectionMenu(pageUrl, { label: 'Haiku', id: `sidechat-prompt:${haikuId}` });
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to the Haiku prompt from the menu');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal((server.requests.all[0].body as Record<string, unknown>).message, `A haiku about “${PAGE_TITLE}” from The lens still turns today`);
    // The draft being typed was not touched by the prompt sent from the menu.
    assert.equal(await messageBox(panel), '/h');
  },

  async 'a selection prompt from the context menu sends the prompt with the selection filled in, or puts it in the box'(ctx) {
    const server = await ctx.startServer();
    const options = await optionsWithDefaultPrompts(ctx, server);
    const { panel, pageUrl } = await panelBesideSelection(ctx, 'The lens still turns today, driven by an electric motor');
    await ctx.driver.chooseSelectionMenu(pageUrl, { label: 'Explain', id: 'sidechat-prompt:explain' });
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to Explain from the menu');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal((server.requests.all[0].body as Record<string, unknown>).message, 'Explain this in simple terms:\n\nThe lens still turns today, driven by an electric motor');

    await options.setChecked('goes into the message box, to edit before sending', true);
    await options.waitFor(() => document.querySelector('.prompts [role=status]')?.textContent === 'Prompts saved.', undefined, { what: 'the choice to be saved' });
    await ctx.driver.chooseSelectionMenu(pageUrl, { label: 'Fix grammar', id: 'sidechat-prompt:fix-grammar' });
    const inserted = await waitForInserted(panel, 'the Fix grammar prompt in the message box');
    assert.equal(inserted.value, 'Fix the grammar and spelling of this text. Keep its meaning and tone, and answer with the corrected text only:\n\nThe lens still turns today, driven by an electric motor');
    assert.equal(server.requests.all.length, 1, 'the prompt was sent');
  },
};
