/**
 * Faults between the extension and its endpoint, and in the extension itself: each scenario
 * checks the user sees a clear message, loses nothing, never sees a piece twice, and that the
 * next message works. docs/reliability.md lists them with what the user sees.
 */
import assert from 'node:assert/strict';
import { startFaultProxy, type FaultProxy } from '../fixtures/fault-proxy';
import type { UiPage } from './driver';
import { configure, countTo, ENDED, send, waitForReply, type Scenario, type ScenarioContext, type TestServer } from './scenarios';

const STREAM_PATH = '/chat/stream';

/** The endpoint as the extension sees it: the reference server behind the fault proxy. */
type Timeouts = { idleTimeoutSec?: number; firstByteTimeoutSec?: number };

async function behindProxy(ctx: ScenarioContext, options: Timeouts = {}) {
  const server = await ctx.startServer();
  const { port } = new URL(server.url);
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: Number(port) });
  await configure(ctx, { ...server, url: proxy.url } as TestServer, options);
  return { server, proxy };
}

async function withProxy(ctx: ScenarioContext, options: Timeouts, run: (server: TestServer, proxy: FaultProxy) => Promise<void>) {
  const { server, proxy } = await behindProxy(ctx, options);
  try {
    await run(server, proxy);
  } finally {
    await proxy.close();
  }
}

/** After any fault, the next question gets its whole answer. */
async function nextMessageWorks(panel: UiPage, nth: number): Promise<void> {
  await send(panel, 'count to 3');
  const reply = await waitForReply(panel, { states: ENDED, nth }, 'the next reply after the fault');
  assert.equal(reply.state, 'done', `the next reply failed: ${reply.alert}`);
  assert.equal(reply.text, '1 2 3');
}

const streamRequests = (server: TestServer) => server.requests.all.filter((r) => r.route === 'stream');
const resumeRequests = (server: TestServer) => streamRequests(server).filter((r) => r.headers['last-event-id'] !== undefined);

export const reliabilityScenarios: Record<string, Scenario> = {
  async 'a connection cut mid-reply resumes from the last event: the exact text, nothing doubled'(ctx) {
    await withProxy(ctx, {}, async (server, proxy) => {
      const panel = await ctx.openPanel();
      // Well into the reply: a cut before the first event reached the page (gzip may hold a few
      // hundred bytes back) leaves a server that sent no id yet, which is the next scenario's case.
      proxy.inject({ path: STREAM_PATH, cutAfterBytes: 4000 });
      await send(panel, 'count to 2000');
      const reply = await waitForReply(panel, { states: ENDED, minText: countTo(2000).length }, 'the cut reply to finish', 20_000);
      assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
      assert.equal(reply.text, countTo(2000));
      assert.equal(resumeRequests(server).length, 1, 'the reply was not resumed with Last-Event-ID');
      await nextMessageWorks(panel, 2);
    });
  },

  async 'a stalled stream counts as dropped after the idle timeout, and resumes'(ctx) {
    await withProxy(ctx, { idleTimeoutSec: 5 }, async (server, proxy) => {
      const panel = await ctx.openPanel();
      proxy.inject({ path: STREAM_PATH, stallAfterBytes: 700 });
      await send(panel, 'count to 200');
      const reply = await waitForReply(panel, { states: ENDED }, 'the stalled reply to resume and finish', 25_000);
      assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
      assert.equal(reply.text, countTo(200));
      assert.equal(resumeRequests(server).length, 1);
    });
  },

  async 'a stall on a server that cannot resume: a clear error, the text kept, and Retry asks again'(ctx) {
    await withProxy(ctx, { idleTimeoutSec: 5 }, async (server, proxy) => {
      const panel = await ctx.openPanel();
      server.inject({ route: 'stream', noIds: true });
      proxy.inject({ path: STREAM_PATH, stallAfterBytes: 700 });
      await send(panel, 'count to 200');
      const failed = await waitForReply(panel, { states: ENDED }, 'the stalled reply to fail', 25_000);
      assert.equal(failed.state, 'error');
      assert.match(failed.alert ?? '', /text so far is kept/);
      assert.ok(failed.text.length > 0 && countTo(200).startsWith(failed.text), `the partial text is not a clean prefix: "${failed.text}"`);
      assert.equal(resumeRequests(server).length, 0, 'a server without ids was asked to resume');
      await panel.clickButton('Retry');
      const retried = await waitForReply(panel, { states: ENDED }, 'the retried reply');
      assert.equal(retried.state, 'done', `retry failed: ${retried.alert}`);
      assert.equal(retried.text, countTo(200));
      await nextMessageWorks(panel, 2);
    });
  },

  async 'the first byte held past the first-byte timeout: asked again with the same requestId, and the reply comes once'(ctx) {
    await withProxy(ctx, { firstByteTimeoutSec: 5 }, async (server, proxy) => {
      const panel = await ctx.openPanel();
      proxy.inject({ path: STREAM_PATH, holdFirstByteMs: 8000 });
      await send(panel, 'count to 30');
      const reply = await waitForReply(panel, { states: ENDED }, 'the reply after the held first byte', 20_000);
      assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
      assert.equal(reply.text, countTo(30));
      const asked = streamRequests(server).map((r) => (r.body as { requestId?: string }).requestId);
      assert.equal(asked.length, 2, 'the held request was not asked again');
      assert.equal(asked[0], asked[1], 'the second ask was not the same request');
      await nextMessageWorks(panel, 2);
    });
  },

  async 'a reply dripped one byte at a time reads exactly as it does at full speed, multi-byte characters whole'(ctx) {
    await withProxy(ctx, {}, async (_server, proxy) => {
      const panel = await ctx.openPanel();
      await send(panel, 'hello');
      const whole = await waitForReply(panel, { states: ENDED }, 'the greeting at full speed');
      proxy.inject({ path: STREAM_PATH, dripBytesEveryMs: 1 });
      await send(panel, 'hello');
      const dripped = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the dripped greeting', 25_000);
      assert.equal(dripped.state, 'done', `reply failed: ${dripped.alert}`);
      assert.match(dripped.text, /👋.*—.*journée/s);
      assert.equal(dripped.text, whole.text);
    });
  },

  async '429 with Retry-After is waited out before asking again'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', status: 429, headers: { 'Retry-After': '1' } });
    const sentAt = Date.now();
    await send(panel, 'count to 5');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply after the 429');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, countTo(5));
    const streams = streamRequests(server);
    assert.equal(streams.length, 2);
    assert.ok(Date.now() - sentAt >= 1000, 'Retry-After was not honoured');
  },

  async 'a 502 before the first byte is retried, and the reply comes'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', status: 502 });
    await send(panel, 'count to 5');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply after the 502');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, countTo(5));
    assert.equal(streamRequests(server).length, 2);
  },

  async 'an HTML error page from a proxy: a clear message, no retry, and the next message works'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', status: 500, contentType: 'text/html', body: '<html><body><h1>500 Internal Server Error</h1><hr>nginx</body></html>' });
    await send(panel, 'count to 5');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to fail');
    assert.equal(reply.state, 'error');
    assert.match(reply.alert ?? '', /500/);
    assert.doesNotMatch(reply.alert ?? '', /<html|<h1/i, 'the HTML page was shown as is');
    assert.equal(streamRequests(server).length, 1, 'a 500 was retried');
    await nextMessageWorks(panel, 2);
  },

  async 'a panel closed mid-reply: the reply finishes in the background and is there on reopening'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', wps: 25 });
    await send(panel, 'count to 60');
    await waitForReply(panel, { states: ['streaming'], minText: 10 }, 'the reply to start streaming');
    await panel.close();
    const request = await server.requests.waitFor((r) => r.route === 'stream' && r.ended, 10_000);
    assert.equal(request.closedByClient, false, 'closing the panel aborted the reply');
    const reopened = await ctx.openPanel();
    // The reopened panel renders the saved reply's markdown over a frame or two: wait for its text.
    const reply = await waitForReply(reopened, { states: ENDED, minText: countTo(60).length }, 'the finished reply in the reopened panel');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, countTo(60));
    await nextMessageWorks(reopened, 2);
  },

  async 'conversations persist; the list opens one, deletes one, clears all'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await send(panel, 'hello');
    await waitForReply(panel, { states: ['done'] }, 'the first conversation');
    await panel.close();

    const reopened = await ctx.openPanel();
    const shown = await waitForReply(reopened, { states: ['done'] }, 'the conversation to be there after reopening');
    assert.match(shown.text, /Sidechat/);
    await reopened.clickButton('New chat');
    await nextMessageWorks(reopened, 1);

    await reopened.clickButton('History');
    const titles = await reopened.waitFor(() => {
      const rows = [...document.querySelectorAll('.conversation-row .conversation-title')].map((title) => title.textContent ?? '');
      return rows.length === 2 ? rows : null;
    }, undefined, { what: 'two conversations in the list' });
    assert.deepEqual(titles, ['count to 3', 'hello']);
    await reopened.evaluate(() => document.querySelectorAll<HTMLButtonElement>('.conversation-open')[1].click());
    await reopened.waitFor(() => document.querySelector('[data-author="assistant"] .text')?.textContent?.includes('Sidechat') || null, undefined, {
      what: 'the first conversation to open',
    });
    await ctx.screenshot(reopened, 'conversation-reopened');

    await reopened.clickButton('History');
    await reopened.waitFor(() => document.querySelectorAll('.conversation-row').length === 2 || null, undefined, { what: 'the list again' });
    await ctx.screenshot(reopened, 'conversation-list');
    await reopened.evaluate(() => document.querySelector<HTMLButtonElement>('.conversation-delete')!.click());
    await reopened.waitFor(() => document.querySelectorAll('.conversation-row').length === 1 || null, undefined, { what: 'one conversation left' });
    await reopened.clickButton('Clear all…');
    await reopened.clickButton('Delete all');
    await reopened.waitFor(() => document.querySelectorAll('[data-author]').length === 0 || null, undefined, { what: 'an empty panel after Clear all' });
  },

  async 'the history limit keeps the panel short; older messages load on scroll'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server, { historyLimit: 4 });
    const panel = await ctx.openPanel();
    for (let n = 1; n <= 4; n++) {
      await send(panel, `count to ${n}`);
      await panel.waitFor((nth) => document.querySelectorAll('[data-author="assistant"][data-state="done"]').length >= Math.min(nth, 2) || null, n, { what: `reply ${n}` });
    }
    await panel.waitFor(() => document.querySelectorAll('[data-state="pending"], [data-state="streaming"]').length === 0 || null, undefined, { what: 'the last reply' });
    await panel.close();
    const reopened = await ctx.openPanel();
    await reopened.waitFor(() => document.querySelectorAll('[data-author]').length === 4 || null, undefined, { what: 'the panel to show the 4 most recent messages' });
    await reopened.evaluate(() => {
      const log = document.querySelector<HTMLElement>('[role=log]')!;
      log.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, bubbles: true }));
      log.scrollTop = 0;
      log.dispatchEvent(new Event('scroll'));
    });
    const texts = await reopened.waitFor(() => {
      const all = [...document.querySelectorAll('[data-author="user"] .text')].map((e) => e.textContent);
      return all.length === 4 ? all : null;
    }, undefined, { what: 'the older messages to load on scroll' });
    assert.deepEqual(texts, ['count to 1', 'count to 2', 'count to 3', 'count to 4']);
  },
};

/** The background stopped from outside, as the browser stops an idle one. */
export const workerScenarios: Record<string, Scenario> = {
  async 'the background (service worker, event page) stopped mid-reply: the panel reconnects and the reply completes exactly'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', wps: 40 });
    await send(panel, 'count to 160');
    // Past the first checkpoint (a second in), so the resume starts after an event id, not from the start.
    await waitForReply(panel, { states: ['streaming'], minText: 300 }, 'the reply to be well under way');
    await ctx.driver.stopBackground!();
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to complete after the worker restarted', 20_000);
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, countTo(160));
    assert.ok(resumeRequests(server).length >= 1, 'the reply was not resumed after the worker restarted');
    await nextMessageWorks(panel, 2);
  },
};

/** Chromium only: Firefox drops a temporary add-on, and all it stored, when it quits. */
export const restartScenarios: Record<string, Scenario> = {
  async 'the browser quits mid-reply: after a restart the conversation is there, the partial reply kept, and Retry completes it'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await send(panel, 'count to 3');
    await waitForReply(panel, { states: ['done'] }, 'the first reply');
    server.inject({ route: 'stream', wps: 10 });
    await send(panel, 'count to 60');
    await waitForReply(panel, { states: ['streaming'], minText: 20, nth: 2 }, 'the second reply streaming');
    await ctx.driver.restartBrowser!();

    const reopened = await ctx.openPanel();
    const first = await waitForReply(reopened, { states: ['done'] }, 'the first reply after the restart');
    assert.equal(first.text, countTo(3));
    const cut = await waitForReply(reopened, { states: ENDED, nth: 2 }, 'the cut reply after the restart');
    assert.equal(cut.state, 'error');
    assert.match(cut.alert ?? '', /text so far is kept/);
    assert.ok(cut.text.length > 0 && countTo(60).startsWith(cut.text), `the kept text is not a clean prefix: "${cut.text}"`);
    await ctx.screenshot(reopened, 'after-restart');
    await reopened.clickButton('Retry');
    const retried = await waitForReply(reopened, { states: ['done'], nth: 2, minText: countTo(60).length }, 'the retried reply');
    assert.equal(retried.text, countTo(60));
  },
};

/** Chromium only: the Firefox driver cannot reach a second window's extension page over BiDi. */
export const windowScenarios: Record<string, Scenario> = {
  async 'two windows stream two replies at once without mixing'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const first = await ctx.openPanel();
    const second = await ctx.driver.openPanelInNewWindow!();
    try {
      server.inject({ route: 'stream', wps: 30 });
      server.inject({ route: 'stream', wps: 30 });
      await send(first, 'count to 90');
      await send(second, 'say something else');
      await waitForReply(first, { states: ['streaming'], minText: 5 }, 'the first window streaming');
      await waitForReply(second, { states: ['streaming'], minText: 5 }, 'the second window streaming');
      const [a, b] = await Promise.all([
        waitForReply(first, { states: ENDED }, 'the first window’s reply', 15_000),
        waitForReply(second, { states: ENDED }, 'the second window’s reply', 15_000),
      ]);
      assert.deepEqual([a.state, a.text, a.count], ['done', countTo(90), 1]);
      assert.equal(b.state, 'done', `second reply failed: ${b.alert}`);
      assert.match(b.text, /^You said: “say something else”/);
      assert.equal(b.count, 1);
    } finally {
      await second.close();
    }
  },
};
