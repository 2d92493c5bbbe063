/**
 * Huge replies, streamed by the reference server: all of the text has to be on screen soon after
 * the reply ends, not minutes later. Compared by length and a hash in the page, since a
 * multi-megabyte diff says nothing a person can read.
 */
import assert from 'node:assert/strict';
import type { UiPage } from './driver';
import { configure, type Scenario, type ScenarioContext } from './scenarios';

const MB = 1 << 20;

interface Reply {
  /** The reply's markdown. */
  source: string;
  /** What it reads once rendered: every block's text, one after another. */
  rendered: string;
}

/** Words without markdown syntax, so the text a paragraph shows is the text it was sent as. */
export function words(length: number, seed: number): string {
  const vocabulary = ['stream', 'reply', 'panel', 'frame', 'block', 'text', 'render', 'markdown', 'chunk', 'screen', 'worker', 'port'];
  const out: string[] = [];
  let state = seed;
  let size = 0;
  while (size < length) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const word = vocabulary[state % vocabulary.length] + (state % 7 === 0 ? ` ${state % 1000}.` : '');
    out.push(word);
    size += word.length + 1;
  }
  return out.join(' ').slice(0, length).trimEnd();
}

/** About `size` characters of headings and paragraphs. */
function manyBlocks(size: number): Reply {
  const source: string[] = [];
  const rendered: string[] = [];
  for (let i = 0, length = 0; length < size; i++) {
    const heading = `Section ${i}`;
    const paragraphs = [words(900, i * 3 + 1), words(1500, i * 3 + 2), words(600, i * 3 + 3)];
    source.push(`## ${heading}`, ...paragraphs);
    rendered.push(heading, ...paragraphs);
    length += heading.length + 3 + paragraphs.reduce((sum, p) => sum + p.length + 2, 2);
  }
  return { source: source.join('\n\n'), rendered: rendered.join('') };
}

/** The reply as the event stream carries it: events of `eventSize` characters, then done. */
export function events(text: string, eventSize: number): string {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += eventSize) {
    out.push(`data: ${JSON.stringify({ type: 'content', data: text.slice(at, at + eventSize) })}\n\n`);
  }
  return `${out.join('')}data: {"type":"done"}\n\n`;
}

/** FNV-1a over UTF-16 code units; the page runs the same function. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * In the page: the first reply's state and how much of it is on screen. Text nodes' lengths
 * added up: textContent would build a string of megabytes four times a second.
 */
function readReply(): { state: string | null; length: number } {
  const reply = document.querySelector<HTMLElement>('[data-author="assistant"]');
  const text = reply?.querySelector('.text');
  let length = 0;
  if (text) for (const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT); walker.nextNode(); ) length += (walker.currentNode as Text).length;
  return { state: reply?.dataset.state ?? null, length };
}

/** In the page: the hash of what the first reply shows (the same FNV-1a as above). */
function renderedHash(): number {
  const text = document.querySelector('[data-author="assistant"] .text')?.textContent ?? '';
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * In the page (SIDECHAT_E2E_TIMINGS=1): frame gaps while the reply streams and renders. A
 * script's source, since a function with an inner named function would carry the bundler's
 * helpers into the page.
 */
const WATCH_FRAMES = `{
  const frames = { longest: 0, over50: 0, over100: 0, long: [] };
  window.__frames = frames;
  let last = performance.now();
  const tick = (now) => {
    const gap = now - last;
    last = now;
    frames.longest = Math.max(frames.longest, Math.round(gap));
    if (gap > 50) frames.over50++;
    if (gap > 100) frames.over100++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  frames.long = [];
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.duration < 100) continue;
        frames.long.push({ ms: Math.round(e.duration), render: Math.round(e.startTime + e.duration - e.renderStart), style: Math.round(e.startTime + e.duration - e.styleAndLayoutStart),
          scripts: e.scripts.map((s) => [s.invoker, Math.round(s.duration), s.sourceFunctionName].join(' ')) });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  }
}`;

function readFrames(): unknown {
  const heap = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize;
  return { ...(window as unknown as { __frames: object }).__frames, heapMB: heap && Math.round(heap / 1e6) };
}

/**
 * Polled every 250 ms, not every frame: reading megabytes of textContent takes the page's main
 * thread away from the rendering being measured.
 */
async function poll<T>(panel: UiPage, until: (reply: ReturnType<typeof readReply>) => T | null, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await panel.evaluate(readReply);
  for (;;) {
    const result = until(last);
    if (result !== null) return result;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the reply is ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    last = await panel.evaluate(readReply);
  }
}

/**
 * Streams `reply` in events of `eventSize` characters, waits for done, then gives the screen
 * `afterDoneMs` to show all of it: the old renderer took about a minute for a 1 MB paragraph.
 */
async function streamHuge(ctx: ScenarioContext, reply: Reply, eventSize: number, afterDoneMs: number): Promise<void> {
  const server = await ctx.startServer();
  await configure(ctx, server);
  const panel = await ctx.openPanel();
  server.inject({ route: 'stream', rawEvents: events(reply.source, eventSize) });
  const timings = Boolean(process.env.SIDECHAT_E2E_TIMINGS);
  if (timings) await panel.addScript(WATCH_FRAMES);
  await panel.fillByLabel('Message', 'a huge reply, please');
  await panel.press('Enter');
  await poll(panel, (r) => (r.state && !['pending', 'streaming'].includes(r.state) ? r : null), 90_000, 'the reply to end');
  const ended = Date.now();
  const { state } = await panel.evaluate(readReply);
  assert.equal(state, 'done');
  await poll(panel, (r) => (r.length >= reply.rendered.length ? r : null), afterDoneMs, `all ${reply.rendered.length} characters on screen within ${afterDoneMs} ms of done`);
  const onScreenAfterMs = Date.now() - ended;
  const shown = await panel.evaluate(readReply);
  assert.equal(shown.length, reply.rendered.length, 'the reply shows more than was sent');
  assert.equal(await panel.evaluate(renderedHash), hash(reply.rendered), 'the reply on screen differs from the one sent');
  if (timings) console.log(`# ${reply.rendered.length} characters on screen ${onScreenAfterMs} ms after done; frames: ${JSON.stringify(await panel.evaluate(readFrames))}`);
}

const onePiece = words(MB, 7);

export const largeReplyScenarios: Record<string, Scenario> = {
  'a 1 MB paragraph in one event is all on screen within seconds of done': Object.assign(
    (ctx: ScenarioContext) => streamHuge(ctx, { source: onePiece, rendered: onePiece }, onePiece.length, 8_000),
    { timeoutMs: 120_000 },
  ),
  'a 10 MB reply of many blocks is all on screen within seconds of done': Object.assign(
    (ctx: ScenarioContext) => streamHuge(ctx, manyBlocks(10 * MB), 8 * 1024, 30_000),
    { timeoutMs: 180_000 },
  ),
};
