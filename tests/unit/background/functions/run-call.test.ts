import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerConsent } from '@/utils/background/consent-requests';
import { DECLINED, runPageCall } from '@/utils/background/functions/run-call';
import { rememberPanelTab } from '@/utils/background/panel-tab';
import type { CallView } from '@/utils/contract/port-messages';
import type { FunctionCall } from '@/utils/contract/sidechat-wire';
import { allowAlways, isAlwaysAllowed, siteGrantsItem } from '@/utils/site-consent';

const WINDOW = 3;
const PAGE = { id: 11, windowId: WINDOW, url: 'https://news.example/story', title: 'A story', lastAccessed: 10, active: true };
const context = { url: PAGE.url, title: 'A story', lang: 'en', description: '', selection: '', text: 'Body text.', truncated: false };

/** The page as the browser shows it to Sidechat, and what the injected reader answers. */
function page(tab: object | null = PAGE, reader: (func: unknown, args: unknown[]) => unknown = () => ({ ok: true, value: context })) {
  vi.spyOn(fakeBrowser.tabs, 'get').mockImplementation(async (id) => {
    if (!tab || (tab as { id: number }).id !== id) throw new Error(`No tab with id: ${id}.`);
    return tab as never;
  });
  vi.spyOn(fakeBrowser.tabs, 'query').mockResolvedValue(tab ? [tab as never] : []);
  const executeScript = vi.fn(async (injection: { files?: string[]; func?: unknown; args?: unknown[] }) =>
    injection.files ? [{ frameId: 0, result: undefined }] : [{ frameId: 0, result: reader(injection.func, injection.args ?? []) }],
  );
  (fakeBrowser as unknown as { scripting: { executeScript: unknown } }).scripting.executeScript = executeScript;
  return executeScript;
}

function run(requested: FunctionCall, signal = new AbortController().signal) {
  const views: CallView[] = [];
  const result = runPageCall(requested, { windowId: WINDOW, signal, report: (view) => views.push(view) });
  return { result, views };
}

const getContext: FunctionCall = { id: 'c1', name: 'get_page_context', arguments: {} };

/** Resolves once the call shows its consent prompt. */
async function prompted(views: CallView[]) {
  await vi.waitFor(() => expect(views.at(-1)?.status).toBe('asking'));
  return views.at(-1)!;
}

describe('runPageCall', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks first, and reads the page once allowed', async () => {
    const executeScript = page();
    const { result, views } = run(getContext);
    expect(await prompted(views)).toEqual({
      id: 'c1',
      name: 'get_page_context',
      status: 'asking',
      label: 'Sidechat wants to read this page',
      ask: { site: 'https://news.example', pageTitle: 'A story', what: 'the text of this page' },
    });
    // Only the reader was installed: nothing was read before the yes.
    expect(executeScript.mock.calls.map(([injection]) => injection.files ?? 'read')).toEqual([['/page-reader.js']]);
    answerConsent(WINDOW, 'c1', 'once');
    expect(await result).toEqual({ id: 'c1', name: 'get_page_context', result: context });
    expect(views.map((v) => v.status)).toEqual(['running', 'asking', 'running', 'done']);
    expect(views.at(-1)).toMatchObject({ label: 'Shared “A story” — 10 characters', shared: expect.stringContaining('Body text.') });
    expect(await isAlwaysAllowed('https://news.example')).toBe(false);
  });

  it('says how much of a long page was shared, and where it was cut', async () => {
    const cutPage = { ...context, text: 'x'.repeat(12_400), truncated: true, fullLength: 48_000 };
    page(PAGE, () => ({ ok: true, value: cutPage }));
    await allowAlways('https://news.example');
    const views: CallView[] = [];
    await runPageCall({ id: 'c2', name: 'get_page_context', arguments: {} }, { windowId: WINDOW, signal: new AbortController().signal, report: (v) => views.push(v) });
    expect(views.at(-1)?.label).toBe('Shared “A story” — 12,400 of 48,000 characters');
    expect(views.at(-1)?.shared).toMatch(/\[cut at a section boundary: 12,400 of 48,000 characters shared\]$/);
  });

  it('returns "declined" and reads nothing when the user says no', async () => {
    const executeScript = page();
    const { result, views } = run(getContext);
    await prompted(views);
    answerConsent(WINDOW, 'c1', 'decline');
    expect(await result).toEqual({ id: 'c1', name: 'get_page_context', error: DECLINED });
    expect(views.at(-1)).toMatchObject({ status: 'declined', label: 'Not shared — you declined' });
    expect(executeScript.mock.calls.filter(([injection]) => !injection.files)).toEqual([]);
  });

  it('remembers "Always for this site" and then asks no more on that site', async () => {
    page();
    const first = run(getContext);
    await prompted(first.views);
    answerConsent(WINDOW, 'c1', 'always');
    await first.result;
    expect((await siteGrantsItem.getValue()).map((g) => g.site)).toEqual(['https://news.example']);
    const second = run({ ...getContext, id: 'c2' });
    expect(await second.result).toMatchObject({ result: context });
    expect(second.views.map((v) => v.status)).toEqual(['running', 'done']);
  });

  it('counts a stopped reply as declined', async () => {
    page();
    const controller = new AbortController();
    const { result, views } = run(getContext, controller.signal);
    await prompted(views);
    controller.abort();
    expect(await result).toMatchObject({ error: DECLINED });
  });

  it('answers an unknown function or bad arguments with an error, without touching the page', async () => {
    const executeScript = page();
    const unknown = run({ id: 'c1', name: 'click_button', arguments: {} });
    expect(await unknown.result).toMatchObject({ error: expect.stringContaining('Unknown function “click_button”') });
    expect(unknown.views).toEqual([expect.objectContaining({ status: 'failed', note: expect.stringContaining('click_button') })]);
    const bad = run({ id: 'c2', name: 'find_in_page', arguments: { query: 42 } });
    expect(await bad.result).toMatchObject({ error: expect.stringMatching(/^Invalid arguments for find_in_page: query/) });
    expect(executeScript).not.toHaveBeenCalled();
  });

  it.each([
    ['a browser page', { ...PAGE, url: 'chrome://settings/' }, /browser page \(chrome:\/\/…\)/],
    ['the add-on store', { ...PAGE, url: 'https://chromewebstore.google.com/detail/x' }, /add-on store/],
    ['a tab whose address Sidechat may not see', { ...PAGE, url: undefined }, /no access to this tab\. Click the Sidechat toolbar button/],
    ['no tab at all', null, /no page open in this window/],
  ])('explains why it cannot read %s', async (_case, tab, reason) => {
    page(tab);
    const { result, views } = run(getContext);
    expect(await result).toMatchObject({ id: 'c1', error: expect.stringMatching(reason) });
    expect(views.at(-1)).toMatchObject({ status: 'failed', note: expect.stringMatching(reason) });
  });

  it('says so when the tab it was opened on has been closed', async () => {
    page();
    await rememberPanelTab({ id: 99, windowId: WINDOW });
    expect(await run(getContext).result).toMatchObject({ error: expect.stringContaining('has been closed') });
  });

  it('reports a PDF, and a failure inside the page, in words', async () => {
    await siteGrantsItem.setValue([{ site: 'https://news.example', grantedAt: 1 }]);
    page(PAGE, () => ({ ok: false, error: 'sidechat:pdf' }));
    expect(await run(getContext).result).toMatchObject({ error: 'This tab shows a PDF, which Sidechat cannot read yet.' });
    page(PAGE, () => undefined);
    expect(await run(getContext).result).toMatchObject({ error: expect.stringContaining('The page changed while Sidechat was reading it') });
  });
});
