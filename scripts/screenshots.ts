/**
 * `npm run screenshots`: the README's screenshots (docs/screenshots/*.png), taken from the built
 * extension with the end-to-end drivers against the reference server's demo responder. Each
 * shows what a new user gets with the same clicks and prompts. Not part of `npm test`: the images
 * differ byte for byte from run to run (font rendering, timing), so they are only remade on purpose.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../tests/e2e/chromium-driver';
import { REPO_ROOT, type ExtensionDriver, type UiPage } from '../tests/e2e/driver';
import { launchFirefox } from '../tests/e2e/firefox-driver';
import { configure, runScenario, send, waitForReply, type Scenario, type ScenarioContext } from '../tests/e2e/scenarios';

const OUT_DIR = join(REPO_ROOT, 'docs/screenshots');

/** Every screenshot, by the browser that takes it. */
const SHOTS: Array<{ launch: () => Promise<ExtensionDriver>; scenarios: Scenario[] }> = [
  { launch: launchFirefox, scenarios: [optionsOnFirstRun, markdownReply] },
  { launch: launchChromium, scenarios: [pageFunctionDark, narrowDark] },
];

/** Options as a fresh install shows them, before anything is changed. */
async function optionsOnFirstRun(ctx: ScenarioContext): Promise<void> {
  const options = await ctx.openOptions();
  await options.setWidth(800);
  await save(options, 'options-light.png');
}

/** The empty panel's "show me markdown" suggestion, clicked: the demo's markdown showcase. */
async function markdownReply(ctx: ScenarioContext): Promise<void> {
  const panel = await demoPanel(ctx, 'light');
  await panel.clickButton('show me markdown');
  await finished(panel, 'the markdown showcase');
  await panel.waitFor(() => document.querySelector('pre code.hljs .hljs-keyword'), undefined, { what: 'the code block to be highlighted' });
  // The window as tall as the reply: the whole of it in one picture.
  await panel.setWidth(420, 900);
  await save(panel, 'panel-markdown.png');
}

/** "summarize this page" next to the test article, allowed once: the call, then the answer. */
async function pageFunctionDark(ctx: ScenarioContext): Promise<void> {
  // Opened first: the panel, opened last, is in front, and reads the most recently used web tab.
  await ctx.openWebPage(await ctx.serveTestPage());
  const panel = await demoPanel(ctx, 'dark');
  await send(panel, 'summarize this page');
  await panel.waitFor(() => [...document.querySelectorAll('button')].some((b) => b.textContent === 'Allow once'), undefined, { what: 'the consent prompt' });
  await panel.clickButton('Allow once');
  await finished(panel, 'the summary of the page');
  await save(panel, 'panel-function-call.png');
}

/** The panel dragged narrow, in the dark theme, answering the empty panel's question on server-sent events. */
async function narrowDark(ctx: ScenarioContext): Promise<void> {
  const panel = await demoPanel(ctx, 'dark');
  await panel.setWidth(320);
  await panel.clickButton('Explain server-sent events in two sentences');
  await finished(panel, 'the answer on server-sent events');
  await save(panel, 'panel-dark-320.png');
}

/** A panel talking to a fresh reference server (the demo responder), in `theme`, its conversation empty. */
async function demoPanel(ctx: ScenarioContext, theme: 'light' | 'dark'): Promise<UiPage> {
  const server = await ctx.startServer();
  const options = await configure(ctx, server, { projectId: 'demo' });
  await options.selectByLabel('Theme', theme);
  await options.clickButton('Save');
  const panel = await ctx.openPanel();
  await panel.waitFor((t) => document.documentElement.dataset.theme === t, theme, { what: `the panel to turn ${theme}` });
  return panel;
}

async function finished(panel: UiPage, what: string): Promise<void> {
  const reply = await waitForReply(panel, { states: ['done', 'error', 'stopped'] }, what);
  if (reply.state !== 'done') throw new Error(`${what} ended ${reply.state}: ${reply.alert}`);
}

async function save(page: UiPage, file: string): Promise<void> {
  // The caret blinks: hidden, so an image shows the page and not the moment.
  await page.addScript(`document.head.append(Object.assign(document.createElement('style'), { textContent: '* { caret-color: transparent !important; }' }))`);
  await page.screenshot(join(OUT_DIR, file));
  console.log(`docs/screenshots/${file}`);
}

await mkdir(OUT_DIR, { recursive: true });
for (const { launch, scenarios } of SHOTS) {
  const driver = await launch();
  try {
    for (const scenario of scenarios) await runScenario(driver, scenario);
  } finally {
    await driver.close();
  }
}
