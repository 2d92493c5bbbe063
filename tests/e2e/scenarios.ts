/**
 * The end-to-end scenarios, written once against ExtensionDriver and run by chromium.e2e.ts and
 * firefox.e2e.ts. Each gets fresh pages and its own reference server on a free port.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createSidechatServer, type SidechatServer, type SidechatServerOptions } from '../../server/app';
import { unsafeParts } from '../fixtures/safe-dom';
import { aimedAt, XSS_PAYLOADS } from '../fixtures/xss-payloads';
import { auditAccessibility } from './accessibility';
import { cannedResponder } from './canned-responder';
import { REPO_ROOT, type ExtensionDriver, type UiPage } from './driver';
import { startHitCounter } from './hit-counter';
import { installTraps, readTraps, renderedShowcase, scrollAfterEachLayout, scrollState, showcase } from './page-helpers';
import { serveTestPage, TEST_PAGE_TITLE } from './test-page';

export type TestServer = SidechatServer & { url: string };

export interface ScenarioContext {
  driver: ExtensionDriver;
  /** Defaults to the fast pace (wps 0); single replies are slowed with `inject({ wps })`. */
  startServer(options?: SidechatServerOptions): Promise<TestServer>;
  openOptions(): Promise<UiPage>;
  openPanel(): Promise<UiPage>;
  /** Serves the test article (or another page of tests/fixtures/pages) on `host`; returns its URL. */
  serveTestPage(host?: string, fixture?: string): Promise<string>;
  openWebPage(url: string): Promise<UiPage>;
  /** The panel, opened by Sidechat's toolbar button clicked over the tab showing `url`. */
  openPanelFromToolbar(url: string): Promise<UiPage>;
  screenshot(page: UiPage, name: string): Promise<void>;
  /** Runs when the scenario ends, however it ends (servers a scenario starts itself). */
  onCleanup(cleanup: () => Promise<void>): void;
}

export type Scenario = ((ctx: ScenarioContext) => Promise<void>) & {
  /** For the few that need longer than the default 30 s. */
  timeoutMs?: number;
};

/** How long the test runner gives a scenario. */
export const timeoutOf = (scenario: Scenario) => scenario.timeoutMs ?? 30_000;

export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results/screenshots');

/** Runs one scenario and always closes what it opened, even when it fails. */
export async function runScenario(driver: ExtensionDriver, scenario: Scenario): Promise<void> {
  const cleanups: Array<() => Promise<void>> = [];
  const track = async (page: Promise<UiPage>) => {
    const opened = await page;
    cleanups.push(() => opened.close());
    return opened;
  };
  try {
    await scenario({
      driver,
      async startServer(options) {
        const app = createSidechatServer({ wps: 0, ...options });
        const { url } = await app.listen(0, '127.0.0.1');
        cleanups.push(() => app.close());
        return Object.assign(app, { url });
      },
      openOptions: () => track(driver.openOptions()),
      openPanel: () => track(driver.openPanel()),
      onCleanup: (cleanup) => void cleanups.push(cleanup),
      async serveTestPage(host, fixture) {
        const page = await serveTestPage(host, fixture);
        cleanups.push(page.close);
        return page.url;
      },
      openWebPage: (url) => track(driver.openWebPage(url)),
      openPanelFromToolbar: (url) => track(driver.openPanelFromToolbar(url)),
      async screenshot(page, name) {
        await mkdir(SCREENSHOT_DIR, { recursive: true });
        await page.screenshot(join(SCREENSHOT_DIR, `${driver.name}-${name}.png`));
      },
    });
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

// ── Steps shared by the scenarios ────────────────────────────────────────────────────────────

interface Config {
  projectId?: string;
  apiKey?: string;
  streaming?: boolean;
  debug?: boolean;
  historyLimit?: number;
  idleTimeoutSec?: number;
  firstByteTimeoutSec?: number;
  /** Only for a second configure in a scenario: the panel already shows its conversation. */
  keepConversations?: boolean;
}

/** Fills in the options page as a user would and saves; returns the page, still open. */
export async function configure(ctx: ScenarioContext, server: TestServer, config: Config = {}): Promise<UiPage> {
  const options = await ctx.openOptions();
  // An earlier scenario may have left an OpenAI-compatible endpoint configured.
  await options.selectByLabel('Endpoint type', 'sidechat');
  await options.fillByLabel('Endpoint URL', server.url);
  await options.fillByLabel('Project ID', config.projectId ?? 'e2e');
  await options.fillByLabel('API key', config.apiKey ?? '');
  await options.setChecked('Streaming', config.streaming ?? true);
  await options.setChecked('Debug logging', config.debug ?? false);
  await options.fillByLabel('History limit', String(config.historyLimit ?? 200));
  await options.fillByLabel('First byte timeout (seconds)', String(config.firstByteTimeoutSec ?? 30));
  await options.fillByLabel('Idle timeout (seconds)', String(config.idleTimeoutSec ?? 45));
  await options.selectByLabel('Theme', 'system');
  await options.clickButton('Save');
  await options.waitFor(() => document.querySelector('[role=status]')?.textContent === 'Saved.', undefined, {
    what: 'the options page to say "Saved."',
  });
  // Conversations persist, and every scenario's panel shares one browser window: start each empty.
  if (config.keepConversations) return options;
  await options.clickButton('Delete all conversations…');
  await options.clickButton('Yes, delete all conversations');
  await options.waitFor(() => document.querySelector('.history [role=status]')?.textContent === 'All conversations deleted.', undefined, {
    what: 'the options page to say "All conversations deleted."',
  });
  return options;
}

export async function send(panel: UiPage, text: string): Promise<void> {
  await panel.fillByLabel('Message', text);
  await panel.press('Enter');
}

export type ReplyState = 'pending' | 'streaming' | 'done' | 'stopped' | 'error';

interface ReplySnapshot {
  state: ReplyState;
  /** What the rendered reply reads, markdown syntax gone. */
  text: string;
  /** Its list items, each with its marker as markdown writes it: "- text", "3. text". */
  items: string[];
  usage: string | null;
  notes: string[];
  alert: string | null;
  count: number;
}

interface ReplyQuery {
  states: ReplyState[];
  /** 1-based; the panel may not have rendered a just-sent message yet, so say which one. Default 1. */
  nth?: number;
  minText?: number;
}

/**
 * In the page: the nth assistant message if it is in one of `states` (and has at least `minText`
 * characters), else null. Self-contained: it is serialised into the page.
 */
function replyIn({ states, nth = 1, minText = 0 }: ReplyQuery): ReplySnapshot | null {
  const replies = document.querySelectorAll<HTMLElement>('[data-author="assistant"]');
  const reply = replies[nth - 1];
  const state = reply?.dataset.state as ReplyState | undefined;
  const text = reply?.querySelector('.text')?.textContent ?? '';
  if (!reply || !state || !states.includes(state) || text.length < minText) return null;
  return {
    state,
    text,
    items: [...reply.querySelectorAll('.text li')].map((item) => {
      const list = item.parentElement as HTMLOListElement;
      const marker = list.tagName === 'OL' ? `${list.start + [...list.children].indexOf(item)}.` : '-';
      return `${marker} ${item.textContent}`;
    }),
    usage: reply.querySelector('.usage')?.textContent ?? null,
    notes: [...reply.querySelectorAll('.note')].map((note) => note.textContent ?? ''),
    alert: reply.querySelector('[role=alert] span')?.textContent ?? null,
    count: replies.length,
  };
}

export function waitForReply(panel: UiPage, query: ReplyQuery, what: string, timeoutMs?: number): Promise<ReplySnapshot> {
  return panel.waitFor(replyIn, query, { what, timeoutMs });
}

/** Settled states: a wait for these ends as soon as the reply does, whichever way it ends. */
export const ENDED: ReplyState[] = ['done', 'error', 'stopped'];

export const countTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(' ');
const DOLLARS = /\$\d+\.\d+/;

// ── Markdown, safety, scrolling ──────────────────────────────────────────────────────────────

const markdownScenario: Scenario = async (ctx) => {
  const hits = await startHitCounter();
  try {
    const source = showcase(hits.origin);
    const server = await ctx.startServer({ responder: cannedResponder(() => source) });
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await panel.evaluate(installTraps);
    server.inject({ route: 'stream', wps: 40 });
    await send(panel, 'show me markdown');

    await waitForReply(panel, { states: ['streaming'], minText: 120 }, 'the markdown reply to be streaming');
    await ctx.screenshot(panel, 'markdown-streaming');
    const done = await waitForReply(panel, { states: ENDED }, 'the markdown reply to finish');
    assert.equal(done.state, 'done', `reply failed: ${done.alert}`);
    await panel.waitFor(() => document.querySelector('pre code.hljs .hljs-string'), undefined, { what: 'the python block to be highlighted' });
    await ctx.screenshot(panel, 'markdown');

    assert.deepEqual(await panel.evaluate(renderedShowcase), {
      heading: 'Sorting in Python',
      language: 'python',
      code: 'names = ["bo", "Al", "cy"]\nprint(sorted(names, key=str.lower))',
      headers: [['Function', ''], ['In place', 'center'], ['Returns', 'right']],
      cells: 6,
      tasks: [[true, true], [false, true]],
      struck: 'magic',
      links: [['the docs', 'https://docs.python.org/3/howto/sorting.html', '_blank', 'noopener noreferrer']],
      images: 0,
      last: 'Not a link: click and <b>not bold</b>.',
    });
    assert.deepEqual(hits.hits, [], 'the image was fetched before anyone asked for it');

    await panel.clickButton('Copy code');
    await panel.clickButton('Copy reply');
    assert.deepEqual((await panel.evaluate(readTraps)).copied, ['names = ["bo", "Al", "cy"]\nprint(sorted(names, key=str.lower))', source]);

    await panel.clickButton('Load image: sorting diagram');
    await hits.waitFor(1);
    assert.deepEqual(hits.hits, ['/diagram.png']);
    await panel.waitFor(() => (document.querySelector('[data-author="assistant"] img') as HTMLImageElement | null)?.complete, undefined, { what: 'the requested image to load' });
    const traps = await panel.evaluate(readTraps);
    assert.deepEqual([traps.alerts, traps.xss, traps.violations], [[], null, []]);
  } finally {
    await hits.close();
  }
};

/**
 * Every payload is its own reply (a payload like an unclosed fence would swallow the ones
 * after it), streamed in pieces cut at random points.
 */
const xssScenario: Scenario = Object.assign(
  async (ctx: ScenarioContext) => {
    const hits = await startHitCounter();
    try {
      const label = (n: number) => `Payload ${n} of ${XSS_PAYLOADS.length}:`;
      const server = await ctx.startServer({
        responder: cannedResponder((message) => {
          if (message === 'canary') return `![canary](${hits.origin}/canary.png)`;
          const n = Number(/\d+/.exec(message)?.[0]);
          return `${label(n)}\n\n${aimedAt(XSS_PAYLOADS[n - 1].payload, hits.origin)}`;
        }),
      });
      await configure(ctx, server);
      const panel = await ctx.openPanel();
      await panel.evaluate(installTraps);
      const unreadable: string[] = [];
      for (let n = 1; n <= XSS_PAYLOADS.length; n++) {
        await send(panel, `p${n}`);
        const reply = await waitForReply(panel, { states: ENDED, nth: n }, `the reply with payload ${n}`);
        if (reply.state !== 'done' || !reply.text.startsWith(label(n)) || reply.text.length <= label(n).length) {
          unreadable.push(`${n} (${XSS_PAYLOADS[n - 1].source}): ${reply.state} "${reply.text}"`);
        }
      }
      await ctx.screenshot(panel, 'xss');
      const unsafe = await panel.evaluate(unsafeParts, '[data-author="assistant"] .text');

      // A request the user makes goes through, so the counter would have seen any other by now.
      await send(panel, 'canary');
      await waitForReply(panel, { states: ENDED, nth: XSS_PAYLOADS.length + 1 }, 'the canary reply');
      await panel.clickButton('Load image: canary');
      await hits.waitFor(1);
      const { alerts, xss, violations } = await panel.evaluate(readTraps);
      assert.deepEqual(
        { unreadable, unsafe, alerts, xss, violations, fetched: hits.hits },
        { unreadable: [], unsafe: [], alerts: [], xss: null, violations: [], fetched: ['/canary.png'] },
      );
    } finally {
      await hits.close();
    }
  },
  { timeoutMs: 180_000 },
);

const autoscrollScenario: Scenario = async (ctx) => {
  const server = await ctx.startServer();
  await configure(ctx, server);
  const panel = await ctx.openPanel();
  server.inject({ route: 'stream', wps: 120 });
  const layouts = panel.evaluate(scrollAfterEachLayout);
  await send(panel, 'count to 900');

  const overflowing = (await layouts).filter((sample) => sample.streaming && sample.overflow > 300);
  assert.equal(overflowing.length, 5, 'the reply ended before it overflowed the panel');
  assert.deepEqual(overflowing.filter((sample) => sample.fromBottom > 1), [], 'the panel did not stay at the bottom of the growing reply');

  // The user scrolls up to read: a wheel turn, and the scroll it causes.
  const readingAt = await panel.evaluate(() => {
    const log = document.querySelector<HTMLElement>('[role=log]')!;
    log.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, bubbles: true }));
    log.scrollTop -= 300;
    return log.scrollTop;
  });
  const { text } = await waitForReply(panel, { states: ['streaming'] }, 'the reply to keep streaming');
  await waitForReply(panel, { states: ['streaming', ...ENDED], minText: text.length + 400 }, 'more text after scrolling up');
  assert.equal((await panel.evaluate(scrollState)).top, readingAt, 'the panel scrolled away from where the user was reading');
  await waitForReply(panel, { states: ENDED }, 'the long reply to finish');
  await ctx.screenshot(panel, 'scrolled-up');

  // A new reply is followed again.
  await send(panel, 'count to 200');
  await waitForReply(panel, { states: ENDED, nth: 2 }, 'the next reply');
  await panel.waitFor(() => {
    const log = document.querySelector<HTMLElement>('[role=log]')!;
    return log.scrollHeight - log.scrollTop - log.clientHeight < 30;
  }, undefined, { what: 'the panel to follow the new reply to its end' });
};

// ── The scenarios ────────────────────────────────────────────────────────────────────────────

export const scenarios: Record<string, Scenario> = {
  async 'the options page saves the endpoint, and the panel uses it'(ctx) {
    const server = await ctx.startServer();
    const options = await configure(ctx, server, { projectId: 'e2e-options' });
    await ctx.screenshot(options, 'options');

    // A reopened page shows what was stored, not what was typed.
    const reopened = await ctx.openOptions();
    const stored = await reopened.evaluate(() =>
      ['endpointUrl', 'projectId'].map((id) => (document.getElementById(id) as HTMLInputElement).value),
    );
    assert.deepEqual(stored, [server.url, 'e2e-options']);

    const panel = await ctx.openPanel();
    await send(panel, 'count to 3');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to "count to 3" to finish');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, '1 2 3');
    const request = await server.requests.waitFor((r) => r.route === 'stream', 1000);
    assert.equal(request.projectId, 'e2e-options');

    // Chrome styles extension pages' body as 75% DejaVu Sans; the pages must keep their own font.
    const fontSize = () => getComputedStyle(document.querySelector('.text, input') ?? document.body).fontSize;
    assert.deepEqual([await options.evaluate(fontSize), await panel.evaluate(fontSize)], ['14px', '14px']);
  },

  async 'a streamed reply shows its text while it is written, then its usage'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    // 60 words at 20 per second: about 3 s of visible streaming.
    server.inject({ route: 'stream', wps: 20 });
    await send(panel, 'count to 60');

    const midway = await waitForReply(panel, { states: ['streaming'], minText: 30 }, 'some streamed text while data-state="streaming"');
    await ctx.screenshot(panel, 'mid-stream');
    assert.ok(countTo(60).startsWith(midway.text), `mid-stream text is not a prefix of the reply: "${midway.text}"`);
    assert.ok(midway.text.length < countTo(60).length, 'the whole reply was there before the stream ended');
    assert.equal(midway.usage, null, 'usage shown before the reply finished');

    const done = await waitForReply(panel, { states: ENDED }, 'the streamed reply to finish');
    assert.equal(done.state, 'done', `reply ended as ${done.state}: ${done.alert}`);
    assert.equal(done.text, countTo(60));
    assert.match(done.usage ?? '', /tokens/);
    assert.match(done.usage ?? '', DOLLARS);
  },

  async 'Stop keeps the partial reply and closes the connection'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', wps: 10 });
    await send(panel, 'count to 60');
    await waitForReply(panel, { states: ['streaming'], minText: 4 }, 'the reply to start streaming');
    await panel.clickButton('Stop');

    const stopped = await waitForReply(panel, { states: ['stopped'] }, 'data-state="stopped" after Stop');
    const closed = await server.requests.waitFor((r) => r.closedByClient, 5000);
    assert.equal(closed.route, 'stream');
    assert.ok(stopped.text.length > 0 && countTo(60).startsWith(stopped.text), `partial text not kept: "${stopped.text}"`);
    assert.ok(stopped.text.length < countTo(60).length, 'the reply was not cut short');

    // The panel is usable again at once.
    await send(panel, 'count to 2');
    const next = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the message after Stop to be answered');
    assert.equal(next.text, '1 2');
    assert.equal(next.count, 2);
  },

  async 'regular mode shows the reply and its cost'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server, { streaming: false });
    const panel = await ctx.openPanel();
    await send(panel, 'count to 5');
    const reply = await waitForReply(panel, { states: ENDED }, 'the regular-mode reply');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, '1 2 3 4 5');
    assert.match(reply.usage ?? '', DOLLARS);
    assert.deepEqual(server.requests.all.map((r) => r.route), ['regular']);
  },

  async 'a missing stream route falls back to regular mode, with a notice'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ route: 'stream', status: 404, body: 'Not Found', contentType: 'text/plain' });
    await send(panel, 'count to 4');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply after the 404 on the stream route');
    assert.equal(reply.state, 'done', `no fallback: ${reply.alert}`);
    assert.equal(reply.text, '1 2 3 4');
    assert.match(reply.notes.join(' '), /regular mode/i);

    // The fallback is remembered: the next message goes straight to the regular route.
    await send(panel, 'count to 2');
    const next = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the reply to the message after the fallback');
    assert.equal(next.text, '1 2');
    assert.deepEqual(server.requests.all.map((r) => `${r.route} ${r.status}`), ['stream 404', 'regular 200', 'regular 200']);
  },

  async 'a wrong API key is reported as a 401 about the API key, and Retry works once it is fixed'(ctx) {
    const server = await ctx.startServer({ apiKey: 'right-key' });
    await configure(ctx, server, { apiKey: 'wrong-key' });
    const panel = await ctx.openPanel();
    await send(panel, 'count to 3');
    const failed = await waitForReply(panel, { states: ENDED }, 'the error for a wrong API key');
    assert.equal(failed.state, 'error');
    assert.match(failed.alert ?? '', /401/);
    assert.match(failed.alert ?? '', /API key/);
    assert.ok(!failed.alert?.includes('wrong-key'), 'the error shows the key itself');
    const sent = await server.requests.waitFor((r) => r.status === 401, 1000);
    assert.equal(sent.headers.authorization, 'Bearer wrong-key');

    await configure(ctx, server, { apiKey: 'right-key', keepConversations: true });
    await panel.clickButton('Retry');
    const retried = await waitForReply(panel, { states: ['done'] }, 'the retried reply with the right key to be done');
    assert.equal(retried.state, 'done', `retry failed: ${retried.alert}`);
    assert.equal(retried.text, '1 2 3');
  },

  async 'a 500 is shown clearly; Retry and the next message work'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({ status: 500 });
    await send(panel, 'count to 3');
    const failed = await waitForReply(panel, { states: ENDED }, 'the error for a 500');
    await ctx.screenshot(panel, 'error');
    assert.equal(failed.state, 'error');
    assert.match(failed.alert ?? '', /^500 Internal Server Error/);
    assert.match(failed.alert ?? '', /Retry/);

    await panel.clickButton('Retry');
    const retried = await waitForReply(panel, { states: ['done'] }, 'the retried reply to be done');
    assert.deepEqual([retried.state, retried.text, retried.alert, retried.count], ['done', '1 2 3', null, 1]);

    await send(panel, 'count to 4');
    const next = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the reply to the next message');
    assert.deepEqual([next.state, next.text, next.count], ['done', '1 2 3 4', 2]);
  },

  async 'malformed stream events are skipped with a notice'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    server.inject({
      route: 'stream',
      rawEvents: [
        'data: {"type":"content","data":"Hello "}',
        'data: {this is not json',
        'data: {"type":"content","data":42}',
        'data: {"type":"content","data":"world"}',
        'data: {"type":"done"}',
      ].join('\n\n') + '\n\n',
    });
    await send(panel, 'hello');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply built from malformed events');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal(reply.text, 'Hello world');
    assert.match(reply.notes.join(' '), /2 malformed events were skipped/);
  },

  async 'Test connection reports a streaming endpoint, and whether the key is accepted'(ctx) {
    // Paced, so the events arrive one by one and the test can tell it is not buffered.
    const server = await ctx.startServer({ apiKey: 'right-key', wps: 40 });
    const options = await configure(ctx, server, { apiKey: 'right-key' });
    const runTest = async (what: string) => {
      await options.clickButton('Test connection');
      return options.waitFor(() => document.querySelector('.connection-verdict')?.parentElement?.textContent, undefined, { what });
    };
    const report = await runTest('the connection test result');
    assert.match(report, /Connection works\./);
    assert.match(report, /Content type: text\/event-stream/);
    assert.match(report, /API key: accepted\./);
    assert.match(report, /First event after \d+ ms/);
    assert.match(report, /events arrive as they are written/);
    await server.requests.waitFor((r) => r.closedByClient, 5000);
    await ctx.screenshot(options, 'connection-test');

    await options.fillByLabel('API key', 'wrong-key');
    await options.evaluate(() => document.querySelector('.connection-report')?.remove());
    const refused = await runTest('the connection test result with a wrong key');
    assert.match(refused, /Connection failed\./);
    assert.match(refused, /API key: refused\./);
  },

  async 'the panel says how to start an endpoint that is not running, and notices when it is back'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const port = new URL(server.url).port;
    await server.close();

    const panel = await ctx.openPanel();
    const banner = await panel.waitFor(() => document.querySelector('.endpoint-banner')?.textContent, undefined, {
      what: 'the banner saying the endpoint is not running',
    });
    assert.match(banner, new RegExp(`Could not reach 127\\.0\\.0\\.1:${port} — is the server running\\? Start the reference endpoint with npm start`));
    await send(panel, 'count to 2');
    const failed = await waitForReply(panel, { states: ENDED }, 'the error for an endpoint that is down');
    assert.equal(failed.state, 'error');
    assert.match(failed.alert ?? '', /Could not reach/);
    await ctx.screenshot(panel, 'endpoint-down');

    const revived = createSidechatServer({ wps: 0 });
    await revived.listen(Number(port), '127.0.0.1');
    try {
      await panel.clickButton('Check again');
      await panel.waitFor(() => !document.querySelector('.endpoint-banner'), undefined, { what: 'the banner to go away once the endpoint is up' });
      await panel.clickButton('Retry');
      const retried = await waitForReply(panel, { states: ['done'] }, 'the retried reply once the endpoint is up');
      assert.equal(retried.text, '1 2');
    } finally {
      await revived.close();
    }
  },

  async 'axe finds no serious or critical violations in the panel (empty, streaming, error) or the options page'(ctx) {
    const server = await ctx.startServer();
    const audit = async (page: UiPage, name: string) => {
      const serious = await auditAccessibility(page, join(REPO_ROOT, `test-results/axe/${ctx.driver.name}-${name}.json`));
      assert.deepEqual(serious, [], `axe on the ${name}`);
    };
    await audit(await configure(ctx, server), 'options');
    const panel = await ctx.openPanel();
    await audit(panel, 'empty-panel');
    server.inject({ route: 'stream', wps: 10 });
    await send(panel, 'count to 60');
    await waitForReply(panel, { states: ['streaming'], minText: 4 }, 'the reply to start streaming');
    await audit(panel, 'streaming-panel');
    const announced = () => document.querySelector('.visually-hidden[role=status]')?.textContent;
    assert.equal(await panel.evaluate(announced), 'Sidechat is replying…');
    await panel.clickButton('Stop');
    await panel.waitFor((text) => document.querySelector('.visually-hidden[role=status]')?.textContent === text, 'Reply stopped.', {
      what: 'the stop to be announced',
    });
    server.inject({ status: 500 });
    await send(panel, 'count to 2');
    await waitForReply(panel, { states: ['error'], nth: 2 }, 'the error for a 500');
    assert.equal(await panel.evaluate(() => document.querySelector('[data-author="assistant"]:last-child [role=alert]') !== null), true, 'the error is not an alert');
    await audit(panel, 'error-panel');
  },

  async 'the keyboard drives the panel: focus on open, Esc stops, Up edits; suggestions and Regenerate'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    assert.equal(await panel.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Message', 'focus is not in the message box');
    await ctx.screenshot(panel, 'empty');

    server.inject({ route: 'stream', wps: 10 });
    await send(panel, 'count to 60');
    await waitForReply(panel, { states: ['streaming'], minText: 2 }, 'the reply to start streaming');
    await panel.press('Escape');
    await waitForReply(panel, { states: ['stopped'] }, 'Esc to stop the reply');
    await server.requests.waitFor((r) => r.closedByClient, 5000);

    await panel.press('ArrowUp');
    const edited = await panel.waitFor(() => (document.querySelector('textarea') as HTMLTextAreaElement).value, undefined, { what: 'Up to bring the last message back' });
    assert.equal(edited, 'count to 60');
    assert.equal(await panel.evaluate(() => document.querySelectorAll('[data-author]').length), 0, 'the edited exchange is still shown');

    await panel.fillByLabel('Message', '');
    await panel.clickButton('count to 20');
    const suggested = await waitForReply(panel, { states: ENDED }, 'the reply to the suggested prompt');
    assert.equal(suggested.text, countTo(20));

    await panel.clickButton('Regenerate');
    const regenerated = await waitForReply(panel, { states: ['done'] }, 'the regenerated reply');
    assert.deepEqual([regenerated.text, regenerated.count], [countTo(20), 1]);
    assert.equal(server.requests.all.filter((r) => r.route === 'stream').length, 3);
  },

  async 'the screenshot set: light and dark themes, 320 px and 800 px, panel and options'(ctx) {
    const server = await ctx.startServer();
    const options = await configure(ctx, server);
    const panel = await ctx.openPanel();
    await send(panel, 'hello');
    await waitForReply(panel, { states: ['done'] }, 'the greeting');
    // A 503 is retried (three times); one that persists is shown.
    for (let i = 0; i < 4; i++) server.inject({ status: 503, headers: { 'Retry-After': '0' } });
    await send(panel, 'count to 3');
    await waitForReply(panel, { states: ['error'], nth: 2 }, 'the 503 error');
    const background = () => getComputedStyle(document.body).backgroundColor;
    const backgrounds: string[] = [];
    for (const theme of ['light', 'dark']) {
      await options.selectByLabel('Theme', theme);
      await options.clickButton('Save');
      await options.waitFor((t) => document.documentElement.dataset.theme === t, theme, { what: `the options page to turn ${theme}` });
      await panel.waitFor((t) => document.documentElement.dataset.theme === t, theme, { what: `the open panel to turn ${theme}` });
      for (const width of [320, 800]) {
        await panel.setWidth(width);
        await ctx.screenshot(panel, `panel-${theme}-${width}`);
        assert.equal(await panel.evaluate(() => document.documentElement.scrollWidth), width, `the panel overflows sideways at ${width} px`);
      }
      await options.setWidth(800);
      await ctx.screenshot(options, `options-${theme}`);
      backgrounds.push(await panel.evaluate(background));
    }
    assert.notEqual(backgrounds[0], backgrounds[1], 'the dark theme did not change the colours');
  },

  async 'the API key stays out of logs and errors, and a redirect never carries it elsewhere'(ctx) {
    const secret = 'sk-e2e-0123456789';
    const server = await ctx.startServer({ apiKey: secret });
    // Another origin (127.0.0.2 is loopback too) that records whoever arrives.
    const thief = createSidechatServer();
    const { url: elsewhereUrl } = await thief.listen(0, '127.0.0.2');
    try {
      await configure(ctx, server, { apiKey: secret, debug: true });
      const panel = await ctx.openPanel();
      await send(panel, 'count to 3');
      assert.equal((await waitForReply(panel, { states: ENDED }, 'the reply with debug logging on')).text, '1 2 3');

      server.inject({ route: 'stream', status: 307, headers: { Location: `${elsewhereUrl}/api/v1/ai/projects/e2e/chat/stream` } });
      await send(panel, 'count to 2');
      const redirected = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the reply that was redirected');
      assert.equal(redirected.state, 'error');
      assert.match(redirected.alert ?? '', /redirect/);
      assert.equal(thief.requests.all.length, 0, 'the redirect was followed to another origin');

      server.inject({ status: 500, body: { error: { message: `upstream rejected key ${secret}` } } });
      await send(panel, 'count to 2');
      const failed = await waitForReply(panel, { states: ENDED, nth: 3 }, 'the error that quotes the key');
      assert.ok(!failed.alert?.includes(secret), `the key is shown in an error: ${failed.alert}`);

      const lines = ctx.driver.extensionConsole?.();
      if (lines) {
        assert.ok(lines.some((line) => line.includes('[sidechat:request] POST')), 'debug logging printed nothing, so this check proves nothing');
        assert.deepEqual(lines.filter((line) => line.includes(secret)), [], 'the key appears in the console');
      }
    } finally {
      await thief.close();
    }
  },

  async 'New chat empties the panel and starts a new server session'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    const panel = await ctx.openPanel();
    await send(panel, 'count to 2');
    await waitForReply(panel, { states: ['done'] }, 'the first reply');
    await send(panel, 'count to 3');
    await waitForReply(panel, { states: ['done'], nth: 2 }, 'the second reply');
    const second = server.requests.all.at(-1)!;
    assert.ok((second.body as { sessionId?: string }).sessionId, 'the second message did not continue the session');

    await panel.clickButton('New chat');
    await panel.waitFor(() => document.querySelectorAll('[data-author]').length === 0, undefined, { what: 'the panel to empty' });
    await send(panel, 'count to 4');
    const reply = await waitForReply(panel, { states: ['done'] }, 'the reply in the new chat');
    assert.deepEqual([reply.text.trim(), reply.count], [countTo(4), 1]);
    const third = server.requests.all.at(-1)!;
    assert.equal((third.body as { sessionId?: string }).sessionId, undefined, 'the new chat continued the old session');
  },

  'a reply renders as markdown while it streams: highlighted code, a table, tasks, safe links, images on request, Copy': markdownScenario,
  [`${XSS_PAYLOADS.length} XSS payloads streamed in random pieces: nothing runs, nothing is fetched, every reply stays readable`]: xssScenario,
  'the conversation follows a streaming reply, and stays where the user scrolled up to': autoscrollScenario,
};

/** For a driver whose openPanel() opens the real side panel from the toolbar (chromium-toolbar.ts). */
export const realPanelScenario: Scenario = async (ctx) => {
  const server = await ctx.startServer();
  await configure(ctx, server);
  const panel = await ctx.openPanel();
  await send(panel, 'count to 5');
  const reply = await waitForReply(panel, { states: ENDED }, 'the reply in the real side panel');
  await ctx.screenshot(panel, 'real-side-panel');
  assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
  assert.equal(reply.text, '1 2 3 4 5');
};

// ── The page the panel belongs to: function calls, consent, sharing, the selection menu ──────

interface CallSnapshot {
  name: string;
  status: string;
  label: string;
  note: string | null;
  shared: string | null;
  asking: boolean;
}

/** In the page: the calls shown in the nth assistant message, once one of them has `status`. Self-contained. */
function callsIn({ nth = 1, status }: { nth?: number; status: string }): CallSnapshot[] | null {
  const reply = document.querySelectorAll<HTMLElement>('[data-author="assistant"]')[nth - 1];
  const calls = [...(reply?.querySelectorAll<HTMLElement>('.call') ?? [])].map((call) => ({
    name: call.dataset.call ?? '',
    status: call.dataset.status ?? '',
    label: call.querySelector('.call-label')?.textContent ?? '',
    note: call.querySelector('.call-note')?.textContent ?? null,
    shared: call.querySelector('.call-shared pre')?.textContent ?? null,
    asking: call.querySelector('.consent') !== null,
  }));
  return calls.some((call) => call.status === status) ? calls : null;
}

export function waitForCalls(panel: UiPage, query: { nth?: number; status: string }, what: string): Promise<CallSnapshot[]> {
  return panel.waitFor(callsIn, query, { what });
}

/** Selects the first occurrence of `text` in the page, as a user dragging over it would. */
export function selectText(page: UiPage, text: string): Promise<void> {
  return page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(wanted);
      if (at === -1) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`"${wanted}" is not on the page`);
  }, text);
}

/** Opens the test article, then the panel it belongs to (the window's last focused web page). */
async function panelNextToArticle(ctx: ScenarioContext, server: TestServer): Promise<{ panel: UiPage; page: UiPage; pageUrl: string }> {
  await configure(ctx, server);
  const pageUrl = await ctx.serveTestPage();
  const page = await ctx.openWebPage(pageUrl);
  const panel = await ctx.openPanel();
  return { panel, page, pageUrl };
}

const KNOWN_SENTENCE = 'For a hundred and twenty years, three families kept the lighthouse on Skellig Rock burning through every night of the year.';

export async function expectAccessible(ctx: ScenarioContext, page: UiPage, name: string): Promise<void> {
  const serious = await auditAccessibility(page, join(REPO_ROOT, `test-results/axe/${ctx.driver.name}-${name}.json`));
  assert.deepEqual(serious, [], `axe on the ${name}`);
}

/** "summarize this page", allowed: the answer quotes the page; the call and what it shared are shown. */
async function summarizeAllowingOnce(ctx: ScenarioContext, server: TestServer, panel: UiPage, screenshotName?: string): Promise<void> {
  await send(panel, 'summarize this page');
  const asking = await waitForCalls(panel, { status: 'asking' }, 'the panel to ask before sharing the page');
  assert.deepEqual(asking.map((c) => [c.name, c.label, c.asking]), [['get_page_context', 'Sidechat wants to read this page', true]]);
  if (screenshotName) {
    await ctx.screenshot(panel, `${screenshotName}-consent`);
    await expectAccessible(ctx, panel, `${screenshotName}-consent-panel`);
  }
  await panel.clickButton('Allow once');

  const reply = await waitForReply(panel, { states: ENDED }, 'the summary of the page');
  assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
  assert.match(reply.text, new RegExp(`^“${TEST_PAGE_TITLE}” — \\d+ words\\. Its key sentences:`));
  assert.ok(reply.items.includes(`- ${KNOWN_SENTENCE}`), `the summary does not quote the page: ${reply.items.join(' | ')}`);
  const [call] = (await waitForCalls(panel, { status: 'done' }, 'the call to show as done'))!;
  assert.match(call.label, new RegExp(`^Shared “${TEST_PAGE_TITLE}” — [\\d,]+ characters$`));
  assert.ok(call.shared?.includes(KNOWN_SENTENCE) && call.shared.includes('Margaret Kavanagh'), 'the details do not show the page text that was shared');
  assert.ok(!call.shared?.includes('All rights reserved'), 'the page footer was shared');
  if (screenshotName) {
    // The call with the answer under it, then what was shared, opened.
    await panel.evaluate(() => document.querySelector('[data-author="assistant"]')!.scrollIntoView());
    await ctx.screenshot(panel, screenshotName);
    await panel.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
    await ctx.screenshot(panel, `${screenshotName}-shared`);
    await expectAccessible(ctx, panel, `${screenshotName}-panel`);
  }

  // Two requests made one turn: the question with the functions offered, then the page as a function result.
  const [asked, continued] = server.requests.all.filter((r) => r.status === 200).slice(-2).map((r) => r.body as Record<string, any>);
  assert.deepEqual(asked.functions.map((f: { name: string }) => f.name), ['get_page_context', 'get_selection', 'find_in_page']);
  assert.equal(continued.message, undefined);
  assert.equal(continued.functionResults[0].result.title, TEST_PAGE_TITLE);
  assert.ok(continued.functionResults[0].result.text.includes(KNOWN_SENTENCE));
}

export const pageScenarios: Record<string, Scenario> = {
  async 'asked to summarize this page, the panel asks first, shows the call, and answers from the page'(ctx) {
    const server = await ctx.startServer();
    const { panel } = await panelNextToArticle(ctx, server);
    await summarizeAllowingOnce(ctx, server, panel, 'function-call');
  },

  async 'declined: nothing from the page leaves the browser, and the reply says so'(ctx) {
    const server = await ctx.startServer();
    const { panel } = await panelNextToArticle(ctx, server);
    await send(panel, 'what is this page about?');
    await waitForCalls(panel, { status: 'asking' }, 'the consent prompt');
    await panel.clickButton('Decline');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply after declining');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.match(reply.text, /^You declined to share the page/);
    const calls = await waitForCalls(panel, { status: 'declined' }, 'the call to show as declined');
    assert.deepEqual(calls.map((c) => [c.label, c.shared]), [['Not shared — you declined', null]]);
    await ctx.screenshot(panel, 'declined');
    const bodies = JSON.stringify(server.requests.all.map((r) => r.body));
    assert.ok(!bodies.includes('Portmagee'), 'page text reached the endpoint');
    assert.match(bodies, /"error":"The user declined to share the page/);
  },

  async 'Always for this site: the next call runs without asking, until Options revokes it'(ctx) {
    const server = await ctx.startServer();
    const { panel, pageUrl } = await panelNextToArticle(ctx, server);
    await send(panel, 'find paraffin');
    await waitForCalls(panel, { status: 'asking' }, 'the consent prompt');
    await panel.clickButton('Always for this site');
    const found = await waitForReply(panel, { states: ENDED }, 'the passages found');
    assert.match(found.text, /^“paraffin” appears once on the page:/);
    assert.match(found.items.join('\n'), /^1\. ….*rationed the paraffin for the lamp[^\n]*$/);
    const [search] = await waitForCalls(panel, { status: 'done' }, 'the search to show as done');
    assert.equal(search.label, 'Searched this page for “paraffin”: 1 match');

    // No prompt this time: the reply finishes with nobody answering one.
    await send(panel, 'summarize this page');
    const summary = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the second reply, without a prompt');
    assert.ok(summary.text.includes(KNOWN_SENTENCE), summary.text);

    const options = await ctx.openOptions();
    const site = new URL(pageUrl).origin;
    await options.waitFor((s) => document.querySelector('.site-grants .site')?.textContent === s, site, { what: `Options to list ${site}` });
    await ctx.screenshot(options, 'options-site-grants');
    await expectAccessible(ctx, options, 'options-site-grants');
    await options.clickButton('Revoke');
    await options.waitFor(() => document.querySelector('.site-grants-empty') !== null, undefined, { what: 'the list to be empty after Revoke' });
    // Back to the panel, as the user would: a tab in the background runs its animation frames slowly.
    await options.close();

    await send(panel, 'summarize this page');
    await waitForCalls(panel, { nth: 3, status: 'asking' }, 'the prompt to be back after revoking');
    await panel.clickButton('Decline');
    await waitForReply(panel, { states: ENDED, nth: 3 }, 'the third reply');
  },

  async 'Share this page attaches the url, title and selection to the next message only'(ctx) {
    const server = await ctx.startServer();
    const { panel, page, pageUrl } = await panelNextToArticle(ctx, server);
    await selectText(page, 'the keepers rationed the paraffin');
    await panel.setChecked('Share this page', true);
    await send(panel, 'hello');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to a message with the page shared');
    const [shared] = await waitForCalls(panel, { status: 'done' }, 'what was shared to show');
    assert.ok(reply.text.startsWith(`You shared “${TEST_PAGE_TITLE} | Coastal Histories” (${pageUrl}) with the selection “the keepers rationed the paraffin”. Hello!`), reply.text);
    assert.equal(shared.label, `Shared “${TEST_PAGE_TITLE} | Coastal Histories” with this message`);
    const first = server.requests.all[0].body as Record<string, unknown>;
    assert.deepEqual(first.context, { url: pageUrl, title: `${TEST_PAGE_TITLE} | Coastal Histories`, selection: 'the keepers rationed the paraffin' });

    assert.equal(await panel.evaluate(() => (document.querySelector('.share-page input') as HTMLInputElement).checked), false);
    await send(panel, 'count to 2');
    await waitForReply(panel, { states: ENDED, nth: 2 }, 'the next reply');
    assert.equal((server.requests.all.at(-1)!.body as Record<string, unknown>).context, undefined);
  },

  async 'a page Sidechat cannot read: an error for the model, a note for the user, and no stuck reply'(ctx) {
    const server = await ctx.startServer();
    await configure(ctx, server);
    // The only web tab is the browser's blank start page, which no permission lets an extension read.
    const panel = await ctx.openPanel();
    await send(panel, 'summarize this page');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply about an unreadable page');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    const [call] = await waitForCalls(panel, { status: 'failed' }, 'the call to show as failed');
    assert.equal(call.label, 'Could not run get_page_context');
    // Whether the browser reveals the blank page's address to Sidechat decides which reason it gives.
    const reason = /Sidechat has no access to this tab\. Click the Sidechat toolbar button|This tab shows a browser page \(about:\/\/…\)/;
    assert.match(call.note ?? '', reason);
    assert.match(reply.text, new RegExp(`^I could not read the page: ${reason.source}`));
  },

  async 'Ask Sidechat about the selection, in the context menu, quotes it in the message box'(ctx) {
    const server = await ctx.startServer();
    const { panel, page, pageUrl } = await panelNextToArticle(ctx, server);
    await selectText(page, 'The lens still turns today, driven by an electric motor');
    await ctx.driver.chooseSelectionMenu(pageUrl);
    const draft = await panel.waitFor(() => (document.querySelector('textarea') as HTMLTextAreaElement).value || null, undefined, {
      what: 'the selection quoted in the message box',
    });
    assert.equal(draft, '> The lens still turns today, driven by an electric motor\n\n');
    // The box has the focus, the caret after the quote: the question goes under it.
    for (const key of 'hello') await panel.press(key);
    await panel.press('Enter');
    const reply = await waitForReply(panel, { states: ENDED }, 'the reply to the quoted question');
    assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
    assert.equal((server.requests.all[0].body as Record<string, unknown>).message, '> The lens still turns today, driven by an electric motor\n\nhello');
  },
};

/**
 * The toolbar click grants activeTab for the clicked page: served on 127.0.0.2, which no host
 * permission covers, the page is readable only through that grant.
 */
export const activeTabScenario: Scenario = async (ctx) => {
  const server = await ctx.startServer();
  await configure(ctx, server);
  const pageUrl = await ctx.serveTestPage('127.0.0.2');
  await ctx.openWebPage(pageUrl);
  const panel = await ctx.openPanelFromToolbar(pageUrl);
  await summarizeAllowingOnce(ctx, server, panel, 'toolbar-function-call');
};
