/**
 * `npm run bench:search`: the conversation search in the built extension, in Chromium and in
 * Firefox, over 1,000 conversations of 50 messages (imported through Options → Import). Each
 * query is a keystroke's search — typing a word letter by letter, then two words — timed in the
 * panel's page from the `search` message to its answer: the index read, the ranking, the
 * passages, and the port both ways. The panel's 150 ms debounce is not counted.
 *
 *   --conversations N --messages M   (defaults 1000 and 50)
 *   --browser chromium|firefox|both  (default both)
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../tests/e2e/chromium-driver';
import { REPO_ROOT, type ExtensionDriver } from '../tests/e2e/driver';
import { launchFirefox } from '../tests/e2e/firefox-driver';
import { searchTimerScript, seedScript } from './search-seed';

const { values } = parseArgs({ options: { conversations: { type: 'string', default: '1000' }, messages: { type: 'string', default: '50' }, browser: { type: 'string', default: 'both' } } });
const conversations = Number(values.conversations);
const messagesEach = Number(values.messages);
const IMPORT_TIMEOUT_MS = 20 * 60_000;

/** Every prefix of `word` as typed, one keystroke each. */
const typing = (word: string) => Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1));

interface BrowserFigures {
  browser: string;
  importSeconds: number;
  searches: Array<{ query: string; ms: number; found: number }>;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

async function measure(driver: ExtensionDriver): Promise<BrowserFigures> {
  const options = await driver.openOptions();
  await options.addScript(seedScript(conversations, messagesEach));
  const imported = await options.waitFor(
    () => {
      const status = document.querySelector('.backup [role=status]')?.textContent ?? '';
      const failed = document.querySelector('.backup [role=alert]')?.textContent;
      if (failed) return `failed: ${failed}`;
      return status.startsWith('Imported') ? String(performance.now() - (window as unknown as { benchImportStarted: number }).benchImportStarted) : null;
    },
    undefined,
    { what: 'the import of the benchmark history', timeoutMs: IMPORT_TIMEOUT_MS },
  );
  if (imported.startsWith('failed')) throw new Error(imported);
  const vocabulary = await options.evaluate(() => (window as unknown as { benchVocabulary: string[] }).benchVocabulary);
  // A common word, a middling one, a rare one, and two words together: typed letter by letter.
  const [common, middling, rare] = [vocabulary[3], vocabulary[300], vocabulary[3000]];
  const queries = [...typing(common), ...typing(middling), ...typing(rare), ...typing(`${middling} ${common}`).slice(middling.length + 1)];
  const panel = await driver.openPanel();
  await panel.addScript(searchTimerScript);
  // A first pass warms the database's caches as a first search after opening would; the second is reported.
  await panel.evaluate((q) => (window as unknown as { benchSearch(q: string[]): Promise<unknown> }).benchSearch(q), queries);
  const searches = await panel.evaluate((q) => (window as unknown as { benchSearch(q: string[]): Promise<BrowserFigures['searches']> }).benchSearch(q), queries);
  const sorted = searches.map((s) => s.ms).sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))];
  return { browser: driver.name, importSeconds: Number(imported) / 1000, searches, medianMs: at(0.5), p95Ms: at(0.95), maxMs: sorted.at(-1)! };
}

const results: BrowserFigures[] = [];
for (const name of values.browser === 'both' ? ['chromium', 'firefox'] : [values.browser!]) {
  console.error(`${name}: importing ${conversations} × ${messagesEach} messages…`);
  const driver = name === 'chromium' ? await launchChromium() : await launchFirefox();
  try {
    const figures = await measure(driver);
    results.push(figures);
    console.error(`${name}: import ${figures.importSeconds.toFixed(1)} s; search median ${figures.medianMs.toFixed(1)} ms, p95 ${figures.p95Ms.toFixed(1)} ms, max ${figures.maxMs.toFixed(1)} ms over ${figures.searches.length} keystrokes`);
    for (const s of figures.searches) console.error(`  ${s.query.padEnd(28)} ${s.ms.toFixed(1).padStart(7)} ms  ${s.found} found`);
  } finally {
    await driver.close();
  }
}
await mkdir(join(REPO_ROOT, 'test-results'), { recursive: true });
await writeFile(join(REPO_ROOT, 'test-results/bench-search.json'), JSON.stringify({ conversations, messagesEach, results }, null, 1));
