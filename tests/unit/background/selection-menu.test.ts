import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createSelectionMenuBuilder, keepSelectionMenuCurrent, selectionMenuEntries, type MenusApi } from '@/utils/background/selection-menu';
import { runSelectionPrompt } from '@/utils/background/selection-prompt';
import { savePrompts, saveSelectionAction } from '@/utils/prompt-library';
import { defaultPrompts } from '@/utils/prompt-library';
import { receiveSelectionOffers, type PromptOffer } from '@/utils/selection-quote';

function fakeMenus() {
  const calls: string[] = [];
  const menus = {
    removeAll: vi.fn(async () => {
      calls.push('removeAll');
      // Slow, as the browser may be: a second rebuild must not start meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }),
    create: vi.fn((entry: { id?: string }) => {
      calls.push(entry.id ?? '?');
      return entry.id ?? '';
    }),
  };
  return { calls, menus: menus as unknown as MenusApi };
}

describe('the selection menu', () => {
  beforeEach(() => fakeBrowser.reset());

  it('holds Ask Sidechat and one entry per prompt that uses the selection, in their order, under one submenu', () => {
    const entries = selectionMenuEntries([
      { id: 'a', name: 'Explain', text: 'Explain {{selection}}' },
      { id: 'b', name: 'Page', text: 'Summarize {{page_url}}' },
      { id: 'c', name: 'Q&A', text: 'Quiz me on {{ selection }}' },
    ]);
    expect(entries.map((e) => [e.id, e.parentId, e.title])).toEqual([
      ['sidechat-selection', undefined, 'Sidechat'],
      ['sidechat-ask-about-selection', 'sidechat-selection', 'Ask Sidechat about the selection'],
      ['sidechat-prompt:a', 'sidechat-selection', 'Explain'],
      ['sidechat-prompt:c', 'sidechat-selection', 'Q&A'],
    ]);
    expect(entries.every((e) => e.contexts?.join() === 'selection')).toBe(true);
  });

  it('is rebuilt from the prompts as they are, one rebuild after the other', async () => {
    const { calls, menus } = fakeMenus();
    const rebuild = createSelectionMenuBuilder(menus);
    await savePrompts([{ id: 'a', name: 'A', text: '{{selection}}' }]);
    const first = rebuild();
    const second = rebuild();
    await Promise.all([first, second]);
    const one = ['removeAll', 'sidechat-selection', 'sidechat-ask-about-selection', 'sidechat-prompt:a'];
    expect(calls).toEqual([...one, ...one]);
  });

  it('is rebuilt on install and whenever the prompts change', async () => {
    const rebuild = vi.fn(async () => {});
    keepSelectionMenuCurrent(rebuild);
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install', temporary: false });
    expect(rebuild).toHaveBeenCalledTimes(1);
    await savePrompts([{ id: 'a', name: 'A', text: '{{selection}}' }]);
    await vi.waitFor(() => expect(rebuild).toHaveBeenCalledTimes(2));
    await saveSelectionAction('fill');
    await vi.waitFor(() => expect(rebuild).toHaveBeenCalledTimes(3));
  });
});

describe('running a selection prompt', () => {
  const tab = { id: 4, windowId: 1, index: 0, active: true, url: 'https://a.example/post', title: 'A post' } as Parameters<typeof runSelectionPrompt>[0];

  function offers() {
    const received: Array<PromptOffer | string> = [];
    receiveSelectionOffers(1, { quote: (s) => received.push(s), prompt: (o) => received.push(o) });
    return received;
  }

  beforeEach(() => {
    fakeBrowser.reset();
    fakeBrowser.i18n.getUILanguage = () => 'en';
  });

  it('from the menu: the prompt with the selection, the page and the language filled in, sent at once', async () => {
    await savePrompts([{ id: 't', name: 'T', text: 'Into {{language}}, from {{page_title}} ({{page_url}}): {{selection}}' }]);
    const received = offers();
    await runSelectionPrompt(tab, { promptId: 't', selection: 'Hallo Welt' });
    await vi.waitFor(() => expect(received).toEqual([{ text: 'Into English, from A post (https://a.example/post): Hallo Welt', send: true, notice: undefined }]));
  });

  it('goes into the message box instead when Options says so', async () => {
    await saveSelectionAction('fill');
    const received = offers();
    await runSelectionPrompt(tab, { promptId: 'explain', selection: 'entropy' });
    await vi.waitFor(() => expect(received).toEqual([{ text: 'Explain this in simple terms:\n\nentropy', send: false, notice: undefined }]));
  });

  it('on a page an extension may not read: the selection is filled, the page left empty and said why, and nothing is sent', async () => {
    await savePrompts([{ id: 'p', name: 'P', text: '{{page_url}} {{selection}}' }]);
    const received = offers();
    await runSelectionPrompt({ ...tab, url: 'chrome://settings/' }, { promptId: 'p', selection: 'x' });
    await vi.waitFor(() => expect(received).toHaveLength(1));
    expect(received[0]).toMatchObject({ text: ' x', send: false, notice: expect.stringMatching(/^Left empty: the page address\. This tab shows a browser page/) });
  });

  it('a prompt deleted since the menu was built: the selection is quoted instead', async () => {
    await savePrompts([]);
    const received = offers();
    await runSelectionPrompt(tab, { promptId: 'gone', selection: 'kept' });
    await vi.waitFor(() => expect(received).toEqual(['kept']));
  });

  it('from the keyboard: the first selection prompt, on the selection read from the page as Share this page reads it', async () => {
    await savePrompts([
      { id: 'lang', name: 'Lang', text: 'Only {{language}}' },
      { id: 'sum', name: 'Sum', text: 'Summarize: {{selection}}' },
    ]);
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab as never);
    const executeScript = vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { files?: string[] }) =>
      injection.files ? [] : [{ frameId: 0, result: { ok: true, value: { url: tab.url, title: tab.title, selection: 'read from the page' } } }]) as never);
    await fakeBrowser.storage.session.set({ 'panelTab:1': 4 });
    const received = offers();
    await runSelectionPrompt(tab, {});
    await vi.waitFor(() => expect(received).toEqual([{ text: 'Summarize: read from the page', send: true, notice: undefined }]));
    expect(executeScript).toHaveBeenCalledTimes(2);

    // Nothing selected: the prompt waits in the box.
    executeScript.mockImplementation((async (injection: { files?: string[] }) => (injection.files ? [] : [{ frameId: 0, result: { ok: true, value: { url: tab.url, title: tab.title, selection: '' } } }])) as never);
    await runSelectionPrompt(tab, {});
    await vi.waitFor(() => expect(received[1]).toEqual({ text: 'Summarize: ', send: false, notice: 'Nothing was selected on the page, so the prompt waits here for the text.' }));
  });

  it('uses the defaults until the list is changed', () => {
    expect(selectionMenuEntries(defaultPrompts())).toHaveLength(7);
  });
});

describe('the keyboard command', () => {
  const browserWith = fakeBrowser as unknown as Record<string, unknown>;
  beforeEach(() => {
    fakeBrowser.reset();
    fakeBrowser.i18n.getUILanguage = () => 'en';
  });

  it('opens the panel at once, makes the tab the panel’s page, and runs the first selection prompt on its selection', async () => {
    const { onSelectionPromptCommand } = await import('@/utils/background/selection-prompt');
    const open = vi.fn(async () => {});
    // Chrome's way: no Firefox sidebarAction.
    delete browserWith.sidebarAction;
    browserWith.sidePanel = { open };
    const tab = { id: 7, windowId: 2, index: 0, active: true, url: 'https://b.example/', title: 'B' };
    vi.spyOn(fakeBrowser.tabs, 'get').mockResolvedValue(tab as never);
    vi.spyOn(fakeBrowser.scripting, 'executeScript').mockImplementation((async (injection: { files?: string[] }) =>
      injection.files ? [] : [{ frameId: 0, result: { ok: true, value: { url: tab.url, title: tab.title, selection: 'chosen words' } } }]) as never);
    const received: unknown[] = [];
    receiveSelectionOffers(2, { quote: (s) => received.push(s), prompt: (o) => received.push(o) });

    onSelectionPromptCommand('something-else', tab as never);
    onSelectionPromptCommand('run-selection-prompt', tab as never);
    expect(open).toHaveBeenCalledExactlyOnceWith({ windowId: 2 });
    await vi.waitFor(() => expect(received).toEqual([{ text: 'Summarize this in a few short bullet points:\n\nchosen words', send: true, notice: undefined }]));
    expect(await fakeBrowser.storage.session.get('panelTab:2')).toEqual({ 'panelTab:2': 7 });
    delete browserWith.sidePanel;
  });
});
