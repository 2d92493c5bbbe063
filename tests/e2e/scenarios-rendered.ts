/**
 * `data-state="done"` (and `error`) is a promise that the reply's whole text is on screen. A
 * MutationObserver in the panel page records, at the moment a reply's state turns done or
 * error, how much of its text is rendered, and the least that is rendered at any moment after
 * that; both must be all of it. Counted without white space: the replies here are words and
 * numbers, which markdown shows as they were sent, apart from the breaks between paragraphs.
 */
import assert from 'node:assert/strict';
import { createFirehoseResponder } from '../../server/responders/firehose';
import { startFaultProxy } from '../fixtures/fault-proxy';
import type { UiPage } from './driver';
import { configure, countTo, ENDED, send, waitForReply, type Scenario, type ScenarioContext, type TestServer } from './scenarios';
import { events, words } from './scenarios-large';

/** The reply's characters, white space left out. */
const visibleLength = (text: string) => text.replace(/\s+/g, '').length;

/** Per assistant message, in order: its ended state, what was rendered when it turned so, and the least since. */
interface Ending {
  state: string;
  atChange: number;
  least: number;
}

/**
 * In the page, as a script's source (an inner function would carry the bundler's helpers into
 * the page). A reply that is already ended when it is installed counts from then.
 */
const WATCH_ENDINGS = `{
  const endings = [];
  window.__endings = endings;
  const check = () => {
    const replies = document.querySelectorAll('[data-author="assistant"]');
    endings.length = Math.min(endings.length, replies.length);
    replies.forEach((reply, i) => {
      const state = reply.dataset.state;
      if (state !== 'done' && state !== 'error') return void (endings[i] = undefined);
      const length = (reply.querySelector('.text')?.textContent ?? '').replace(/\\s+/g, '').length;
      if (!endings[i] || endings[i].state !== state) endings[i] = { state, atChange: length, least: length };
      else endings[i].least = Math.min(endings[i].least, length);
    });
  };
  new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-state'] });
  check();
}`;

async function watchEndings(panel: UiPage): Promise<void> {
  await panel.addScript(WATCH_ENDINGS);
}

/**
 * Waits for the nth reply to end, then checks that all of its text (`text()`, read once it has
 * ended) was on screen from that moment on.
 */
async function assertEndedWhole(panel: UiPage, text: () => string, { nth = 1, state = 'done', timeoutMs = 20_000 } = {}): Promise<void> {
  const reply = await waitForReply(panel, { states: ENDED, nth }, `reply ${nth} to end`, timeoutMs);
  assert.equal(reply.state, state, `reply ${nth} ended ${reply.state}: ${reply.alert}`);
  // A moment for anything that would still change what the ended reply shows.
  await new Promise((resolve) => setTimeout(resolve, 300));
  const ending = (await panel.evaluate((i) => (window as unknown as { __endings: Ending[] }).__endings[i], nth - 1)) as Ending | undefined;
  const whole = visibleLength(text());
  assert.deepEqual(ending, { state, atChange: whole, least: whole }, `reply ${nth} said ${state} with part of its ${whole} characters on screen`);
}

/** A server with the firehose responder (pieces paced only by the socket); `sent` collects the pieces of every reply. */
async function firehose(ctx: ScenarioContext): Promise<{ server: TestServer; sent: string[] }> {
  const sent: string[] = [];
  const server = await ctx.startServer({ responder: createFirehoseResponder({ onPiece: (piece) => sent.push(piece.text) }) });
  return { server, sent };
}

const LONG = 'words 20000';
/** About 140 KB of words in 20,000 events, written at once: the panel gets it faster than it can lay it out. */
const BURST = words(140_000, 11);
const BURST_EVENTS = events(BURST, Math.ceil(BURST.length / 20_000));

export const renderedStateScenarios: Record<string, Scenario> = {
  async 'a short streamed reply says done only once its text is on screen'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await watchEndings(panel);
    await send(panel, 'count to 5');
    await assertEndedWhole(panel, () => countTo(5));
  },

  'a 20,000-chunk reply says done only once all of it is on screen': Object.assign(
    async (ctx: ScenarioContext) => {
      const server = await ctx.startServer();
      await configure(ctx, server);
      const panel = await ctx.openPanel();
      await watchEndings(panel);
      server.inject({ route: 'stream', rawEvents: BURST_EVENTS });
      await send(panel, 'a long reply, please');
      await assertEndedWhole(panel, () => BURST, { timeoutMs: 60_000 });
      assert.equal(BURST_EVENTS.match(/^data: /gm)?.length, 20_001);
    },
    { timeoutMs: 90_000 },
  ),

  'a regular-mode reply (Streaming off) says done only once all of it is on screen': Object.assign(
    async (ctx: ScenarioContext) => {
      const { server, sent } = await firehose(ctx);
      await configure(ctx, server, { streaming: false });
      const panel = await ctx.openPanel();
      await watchEndings(panel);
      await send(panel, LONG);
      await assertEndedWhole(panel, () => sent.join(''), { timeoutMs: 60_000 });
    },
    { timeoutMs: 90_000 },
  ),

  async 'a reply resumed after a cut says done only once all of it is on screen'(ctx) {
    const server = await ctx.startServer();
    const { port } = new URL(server.url);
    const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(port) });
    try {
      await configure(ctx, { ...server, url: proxy.url } as TestServer);
      const panel = await ctx.openPanel();
      await watchEndings(panel);
      proxy.inject({ path: '/chat/stream', cutAfterBytes: 4000 });
      await send(panel, 'count to 2000');
      await assertEndedWhole(panel, () => countTo(2000));
      assert.equal(server.requests.all.filter((r) => r.route === 'stream' && r.headers['last-event-id'] !== undefined).length, 1, 'the reply was not resumed');
    } finally {
      await proxy.close();
    }
  },

  'a reopened long reply says done only once its text is rendered': Object.assign(
    async (ctx: ScenarioContext) => {
      const server = await ctx.startServer();
      await configure(ctx, server);
      const panel = await ctx.openPanel();
      server.inject({ route: 'stream', rawEvents: BURST_EVENTS });
      await send(panel, 'a long reply, please');
      await waitForReply(panel, { states: ['done'] }, 'the long reply to finish', 60_000);
      await panel.clickButton('New chat');
      await panel.waitFor(() => document.querySelectorAll('[data-author]').length === 0 || null, undefined, { what: 'an empty panel' });
      await watchEndings(panel);
      await panel.clickButton('History');
      await panel.waitFor(() => document.querySelector('.conversation-open') || null, undefined, { what: 'the conversation list' });
      await panel.evaluate(() => document.querySelector<HTMLButtonElement>('.conversation-open')!.click());
      await assertEndedWhole(panel, () => BURST, { timeoutMs: 30_000 });
    },
    { timeoutMs: 120_000 },
  ),
};
