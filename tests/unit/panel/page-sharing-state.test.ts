import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createChatModel } from '@/utils/panel/conversation-model';
import { createComposerModel } from '@/utils/panel/composer-model';
import { answerConsent, waitForConsent } from '@/utils/background/consent-requests';
import type { CallView, PanelMessage } from '@/utils/contract/port-messages';
import { offerPrompt, offerQuote, quoteBlock, receiveSelectionOffers } from '@/utils/selection-quote';
import { allowAlways, isAlwaysAllowed, revokeSite } from '@/utils/site-consent';
import { createSiteGrantsModel } from '@/utils/options/site-grants-model';

function chat() {
  const posted: PanelMessage[] = [];
  let n = 0;
  const model = createChatModel({ post: (m) => posted.push(m) }, { historyLimit: 200, newId: () => `id${++n}` });
  return { model, posted };
}

const asking: CallView = { id: 'c1', name: 'get_page_context', status: 'asking', label: 'Sidechat wants to read this page', ask: { site: 'https://a.example', pageTitle: 'A', what: 'the text of this page' } };

describe('function calls in the chat model', () => {
  it('shows each call, replacing its view as it changes, and Retry starts afresh', () => {
    const { model } = chat();
    model.send('summarize this page');
    model.receive({ type: 'call', replyId: 'id2', call: asking });
    model.receive({ type: 'call', replyId: 'id2', call: { id: 'c1', name: 'get_page_context', status: 'done', label: 'Shared “A”', shared: 'text' } });
    model.receive({ type: 'call', replyId: 'id2', call: { id: 'c2', name: 'find_in_page', status: 'running', label: 'Searching…' } });
    const reply = model.messages.value[1];
    expect(reply.calls.value.map((c) => [c.id, c.status])).toEqual([
      ['c1', 'done'],
      ['c2', 'running'],
    ]);
    model.receive({ type: 'error', replyId: 'id2', message: 'boom' });
    model.retry('id2');
    expect(reply.calls.value).toEqual([]);
  });

  it('posts the answer to a prompt once, and hides the prompt at once', () => {
    const { model, posted } = chat();
    model.send('summarize this page');
    model.receive({ type: 'call', replyId: 'id2', call: asking });
    model.answerConsent('id2', 'c1', 'always');
    model.answerConsent('id2', 'c1', 'decline');
    expect(posted.slice(1)).toEqual([{ type: 'consent', replyId: 'id2', callId: 'c1', decision: 'always' }]);
    expect(model.messages.value[1].calls.value[0]).toMatchObject({ status: 'running', ask: undefined });
  });
});

describe('the composer', () => {
  it('shares the page with the next message only', () => {
    const { model, posted } = chat();
    const composer = createComposerModel(model);
    composer.draft.value = 'what is this?';
    composer.sharePage.value = true;
    expect(composer.submit()).toBe(true);
    expect(posted[0]).toEqual({ type: 'send', messageId: 'id1', replyId: 'id2', text: 'what is this?', shareContext: true });
    expect([composer.draft.value, composer.sharePage.value]).toEqual(['', false]);
    model.receive({ type: 'done', replyId: 'id2' });
    composer.draft.value = 'and now?';
    composer.submit();
    expect(posted[1]).toEqual({ type: 'send', messageId: 'id3', replyId: 'id4', text: 'and now?' });
  });

  it('quotes a selection into the box, under what was already typed', () => {
    const { model } = chat();
    const composer = createComposerModel(model);
    composer.quote('two lines\nof text ');
    expect(composer.draft.value).toBe('> two lines\n> of text\n\n');
    composer.draft.value += 'Why?';
    composer.quote('more');
    expect(composer.draft.value).toBe('> two lines\n> of text\n\nWhy?\n\n> more\n\n');
    expect(composer.insertions.value).toBe(2);
    composer.quote('   ');
    expect(composer.insertions.value).toBe(2);
  });

  it('sends a selection prompt as a message of its own, the draft left as it was', () => {
    const { model, posted } = chat();
    const composer = createComposerModel(model);
    composer.draft.value = 'half a thought';
    composer.runPrompt({ text: 'Explain this:\n\nentropy', send: true });
    expect(posted[0]).toMatchObject({ type: 'send', text: 'Explain this:\n\nentropy' });
    expect(composer.draft.value).toBe('half a thought');
  });

  it('puts a selection prompt into the box when it is not to be sent, or cannot be (a reply is running)', () => {
    const { model } = chat();
    const composer = createComposerModel(model);
    composer.runPrompt({ text: 'Fix: teh', send: false, notice: 'Left empty: the page title.' });
    expect([composer.draft.value, composer.notice.value, composer.insertions.value]).toEqual(['Fix: teh', 'Left empty: the page title.', 1]);
    model.send('busy');
    composer.runPrompt({ text: 'Explain: x', send: true });
    expect(composer.draft.value).toBe('Fix: teh\n\nExplain: x');
    expect(model.messages.value).toHaveLength(2);
    // The notice is about the latest prompt put into the box; sending clears it.
    expect(composer.notice.value).toBeUndefined();
    composer.runPrompt({ text: 'T: ', send: false, notice: 'Nothing was selected.' });
    model.receive({ type: 'done', replyId: 'id2' });
    expect(composer.submit()).toBe(true);
    expect(composer.notice.value).toBeUndefined();
  });
});

describe('selections on their way to the panel', () => {
  beforeEach(() => fakeBrowser.reset());

  it('reach the panel of their window once, whether it was open already or opens later', async () => {
    await offerQuote(1, 'waiting');
    const received: unknown[] = [];
    const stop = receiveSelectionOffers(1, { quote: (s) => received.push(s), prompt: (offer) => received.push(offer) });
    await vi.waitFor(() => expect(received).toEqual(['waiting']));
    await offerQuote(2, 'another window');
    await offerQuote(1, 'live');
    await vi.waitFor(() => expect(received).toEqual(['waiting', 'live']));
    await offerPrompt(1, { text: 'Explain: x', send: true });
    await vi.waitFor(() => expect(received).toEqual(['waiting', 'live', { text: 'Explain: x', send: true, notice: undefined }]));
    stop();
    expect(quoteBlock(' a\r\nb ')).toBe('> a\n> b\n\n');
  });
});

describe('consent', () => {
  beforeEach(() => fakeBrowser.reset());

  it('waits for the answer of its own window and call', async () => {
    const answer = waitForConsent(1, 'c1', new AbortController().signal);
    answerConsent(2, 'c1', 'once');
    answerConsent(1, 'other', 'once');
    answerConsent(1, 'c1', 'always');
    expect(await answer).toBe('always');
  });

  it('declines when nobody answers in time', async () => {
    vi.useFakeTimers();
    const answer = waitForConsent(1, 'c1', new AbortController().signal, 1000);
    await vi.advanceTimersByTimeAsync(1000);
    expect(await answer).toBe('decline');
    vi.useRealTimers();
  });

  it('keeps "always" grants per site, revocable from Options', async () => {
    await allowAlways('https://a.example', 5);
    await allowAlways('https://a.example', 6);
    await allowAlways('file://', 7);
    expect(await isAlwaysAllowed('https://a.example')).toBe(true);
    expect(await isAlwaysAllowed('https://b.example')).toBe(false);
    const options = createSiteGrantsModel();
    await options.load();
    expect(options.grants.value).toEqual([
      { site: 'https://a.example', grantedAt: 5 },
      { site: 'file://', grantedAt: 7 },
    ]);
    await options.revoke('https://a.example');
    expect(options.grants.value.map((g) => g.site)).toEqual(['file://']);
    expect(await isAlwaysAllowed('https://a.example')).toBe(false);
    await revokeSite('file://');
    await vi.waitFor(() => expect(options.grants.value).toEqual([]));
  });
});
