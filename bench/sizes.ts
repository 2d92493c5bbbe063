/**
 * What the side panel loads, gzipped: the files sidepanel.html references and their static
 * imports (needed to open the panel), and what they import lazily (the markdown renderer,
 * the highlighter, each grammar).
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleSizes {
  /** Gzip bytes of every file needed to open the panel, JS and CSS. */
  initial: Record<string, number>;
  initialTotal: number;
  /** Gzip bytes of each lazily loaded chunk (with what it imports that is not loaded already). */
  lazy: Record<string, number>;
  /** Loaded after the first paint, before any reply: the markdown renderer. */
  markdownRenderer: number;
  /** Loaded with the first complete code block: the highlighter, then one grammar per language. */
  highlighter: number;
  grammars: { count: number; total: number; largest: number };
}

const STATIC_IMPORT = /(?:\bfrom\s*|\bimport\s*)["'](\.\/[^"']+\.js)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'](\.\/[^"']+\.js)["']\s*\)/g;

export async function bundleSizes(buildDir: string): Promise<BundleSizes> {
  const html = await readFile(join(buildDir, 'sidepanel.html'), 'utf8');
  const referenced = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const gz = async (file: string) => gzipSync(await readFile(join(buildDir, file)), { level: 9 }).length;

  const initial = new Set<string>();
  const lazyRoots = new Set<string>();
  const visit = async (file: string, into: Set<string>) => {
    if (into.has(file) || initial.has(file)) return;
    into.add(file);
    if (!file.endsWith('.js')) return;
    const code = await readFile(join(buildDir, file), 'utf8');
    const dir = file.slice(0, file.lastIndexOf('/') + 1);
    for (const [, path] of code.matchAll(STATIC_IMPORT)) await visit(dir + path.slice(2), into);
    for (const [, path] of code.matchAll(DYNAMIC_IMPORT)) lazyRoots.add(dir + path.slice(2));
  };
  for (const file of referenced) await visit(file, initial);

  const lazy: Record<string, number> = {};
  for (const root of lazyRoots) {
    if (initial.has(root)) continue;
    const own = new Set<string>();
    await visit(root, own);
    let total = 0;
    for (const file of own) total += await gz(file);
    lazy[basename(root).replace(/-[\w-]{8}\.js$/, '')] = total;
  }

  const initialSizes: Record<string, number> = {};
  for (const file of initial) initialSizes[file] = await gz(file);
  const grammarNames = Object.keys(lazy).filter((name) => name !== 'incremental-renderer' && name !== 'code-highlight');
  const grammarSizes = grammarNames.map((name) => lazy[name]);
  return {
    initial: initialSizes,
    initialTotal: Object.values(initialSizes).reduce((a, b) => a + b, 0),
    lazy,
    markdownRenderer: lazy['incremental-renderer'] ?? 0,
    highlighter: lazy['code-highlight'] ?? 0,
    grammars: { count: grammarSizes.length, total: grammarSizes.reduce((a, b) => a + b, 0), largest: Math.max(0, ...grammarSizes) },
  };
}
