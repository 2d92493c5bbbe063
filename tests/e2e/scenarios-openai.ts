/**
 * An OpenAI-compatible endpoint straight from the extension (issue 14), against a fake server that
 * behaves like a stock Ollama (tests/fixtures/fake-openai-server.ts), not the reference server.
 */
import assert from 'node:assert/strict';
import { startFakeOpenAiServer } from '../fixtures/fake-openai-server';
import type { UiPage } from './driver';
import { ENDED, send, waitForCalls, waitForReply, type Scenario, type ScenarioContext } from './scenarios';
import { TEST_PAGE_TITLE } from './test-page';

type FakeServer = Awaited<ReturnType<typeof startFakeOpenAiServer>>;

async function startFake(ctx: ScenarioContext, apiKey?: string): Promise<FakeServer> {
  const fake = await startFakeOpenAiServer({ apiKey });
  ctx.onCleanup(fake.close);
  return fake;
}

interface OpenAiConfig {
  apiKey?: string;
  model?: string;
  systemPrompt?: string;
}

/** Fills in Options by their labels for an OpenAI-compatible server and saves; conversations are cleared. */
async function configureOpenAi(ctx: ScenarioContext, fake: FakeServer, config: OpenAiConfig = {}): Promise<UiPage> {
  const options = await ctx.openOptions();
  await options.selectByLabel('Endpoint type', 'openai');
  await options.waitFor(() => document.getElementById('model') !== null, undefined, { what: 'the Model field to appear' });
  await options.fillByLabel('Endpoint URL', fake.baseUrl);
  await options.fillByLabel('API key', config.apiKey ?? '');
  await options.fillByLabel('Model', config.model ?? 'fake-model');
  await options.fillByLabel('System prompt', config.systemPrompt ?? '');
  await options.setChecked('Streaming', true);
  await options.clickButton('Save');
  await options.waitFor(() => document.querySelector('[role=status]')?.textContent === 'Saved.', undefined, { what: 'the options page to say "Saved."' });
  await options.clickButton('Delete all conversations…');
  await options.clickButton('Yes, delete all conversations');
  await options.waitFor(() => document.querySelector('.history [role=status]')?.textContent === 'All conversations deleted.', undefined, { what: 'the conversations to be deleted' });
  return options;
}

export const openAiScenarios: Record<string, Scenario> = {
  async 'OpenAI-compatible: configured by its labels, it streams, the second turn carries the first, the system prompt goes first'(ctx) {
    const fake = await startFake(ctx, 'sk-fake-key');
    const options = await configureOpenAi(ctx, fake, { apiKey: 'sk-fake-key', systemPrompt: 'Answer in one line.' });
    // The Model field suggests what the server lists.
    await options.evaluate(() => document.getElementById('model')?.focus());
    await options.waitFor(() => document.querySelectorAll('#model-suggestions option').length === 2, undefined, { what: 'the model suggestions' });
    await ctx.screenshot(options, 'options-openai');

    const panel = await ctx.openPanel();
    await send(panel, 'hello there');
    const first = await waitForReply(panel, { states: ENDED }, 'the first reply');
    assert.equal(first.state, 'done', `reply failed: ${first.alert}`);
    assert.equal(first.text, 'You said: hello there');
    assert.match(first.usage ?? '', /^fake-model · 17 tokens/);
    await send(panel, 'and again');
    const second = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the second reply');
    assert.equal(second.text, 'You said: and again');
    const [, chat] = fake.chats();
    assert.deepEqual(chat.body.messages, [
      { role: 'system', content: 'Answer in one line.' },
      { role: 'user', content: 'hello there' },
      { role: 'assistant', content: 'You said: hello there' },
      { role: 'user', content: 'and again' },
    ]);
    assert.equal(chat.authorization, 'Bearer sk-fake-key');
    // Like a stock Ollama, the fake refuses extension Origins: the extension's requests carried none.
    assert.deepEqual(fake.requests.map((r) => r.origin), fake.requests.map(() => undefined));
  },

  async 'OpenAI-compatible: a web page’s own request to the server keeps its Origin and is refused'(ctx) {
    const fake = await startFake(ctx);
    await configureOpenAi(ctx, fake);
    const pageUrl = await ctx.serveTestPage('127.0.0.2');
    const page = await ctx.openWebPage(pageUrl);
    const before = fake.chats().length;
    // no-cors: the page can't read a cross-origin answer anyway; what matters is what the server saw.
    await page.evaluate(async (url) => void (await fetch(`${url}/chat/completions`, { method: 'POST', mode: 'no-cors', body: '{"model":"fake-model","messages":[]}' })), fake.baseUrl);
    const seen = fake.chats().slice(before);
    assert.deepEqual(seen.map((r) => [r.origin, r.answered]), [[new URL(pageUrl).origin, 403]]);
  },

  async 'OpenAI-compatible: a reasoning model’s thinking is shown apart, collapsed, and not sent back'(ctx) {
    const fake = await startFake(ctx);
    await configureOpenAi(ctx, fake, { model: 'fake-reasoner' });
    const panel = await ctx.openPanel();
    await send(panel, 'think it over');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reasoning reply');
    assert.equal(reply.text, 'Considered answer.');
    const thinking = await panel.evaluate(() => {
      const details = document.querySelector<HTMLDetailsElement>('[data-author="assistant"] details.thinking');
      return details && { open: details.open, summary: details.querySelector('summary')?.textContent, text: details.querySelector('.thinking-text')?.textContent };
    });
    assert.deepEqual(thinking, { open: false, summary: 'Thinking', text: 'fake-reasoner weighs the question. Then it answers.' });
    await panel.evaluate(() => document.querySelector<HTMLDetailsElement>('details.thinking')?.setAttribute('open', ''));
    await ctx.screenshot(panel, 'reasoning-reply');
    await send(panel, 'next');
    await waitForReply(panel, { states: ENDED, nth: 2 }, 'the next reply');
    assert.equal(fake.chats()[1].body.messages[1].content, 'Considered answer.');
  },

  async 'OpenAI-compatible: a wrong key and an unknown model are put in words'(ctx) {
    const fake = await startFake(ctx, 'sk-right');
    await configureOpenAi(ctx, fake, { apiKey: 'sk-wrong' });
    const panel = await ctx.openPanel();
    await send(panel, 'hello');
    const refused = await waitForReply(panel, { states: ENDED }, 'the refused reply');
    assert.equal(refused.state, 'error');
    assert.match(refused.alert ?? '', /^401 Unauthorized — Incorrect API key provided — check the API key in Options/);
    await configureOpenAi(ctx, fake, { apiKey: 'sk-right', model: 'nope' });
    const again = await ctx.openPanel();
    await send(again, 'hello');
    const unknown = await waitForReply(again, { states: ENDED }, 'the reply for an unknown model');
    assert.match(unknown.alert ?? '', /^404 Not Found — model "nope" not found, try pulling it first — check the Endpoint URL \(up to \/v1\) and the Model in Options/);
    await ctx.screenshot(again, 'provider-error');
    assert.equal(fake.chats().length, 2, 'a refused request was sent again');
  },

  async 'OpenAI-compatible: a page function runs as a tool, after consent, and the answer continues'(ctx) {
    const fake = await startFake(ctx);
    await configureOpenAi(ctx, fake);
    await ctx.openWebPage(await ctx.serveTestPage());
    const panel = await ctx.openPanel();
    // An earlier scenario's context-menu click may have left its (closed) tab as this window's page.
    await panel.evaluate(async () => {
      type Area = { get(keys: null): Promise<Record<string, unknown>>; remove(keys: string[]): Promise<void> };
      const session = (globalThis as unknown as { chrome: { storage: { session: Area } } }).chrome.storage.session;
      await session.remove(Object.keys(await session.get(null)).filter((key) => key.startsWith('panelTab:')));
    });
    await send(panel, 'summarize this page');
    await waitForCalls(panel, { status: 'asking' }, 'the consent prompt');
    await panel.clickButton('Allow once');
    const reply = await waitForReply(panel, { states: ENDED }, 'the answer from the page');
    assert.equal(reply.text, `The page is titled ${TEST_PAGE_TITLE}.`);
    const [first, second] = fake.chats();
    assert.ok(first.body.tools.some((tool: { function: { name: string } }) => tool.function.name === 'get_page_context'));
    assert.deepEqual(second.body.messages.slice(-2).map((m: { role: string }) => m.role), ['assistant', 'tool']);
    assert.equal(second.body.messages.at(-2).tool_calls[0].id, 'call_1');
  },
};
