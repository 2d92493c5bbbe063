/**
 * Syntax highlighting for complete code blocks, loaded only when a reply first has one: this
 * module is its own chunk, and each language grammar is a chunk of its own on top. lowlight
 * runs highlight.js but returns a tree instead of an HTML string, so the highlighted code is
 * built as DOM nodes like the rest of the reply.
 */
import type { LanguageFn } from 'highlight.js';
import { createLowlight } from 'lowlight';

type Grammar = () => Promise<{ default: LanguageFn }>;
interface HastNode {
  type: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

const GRAMMARS: Record<string, Grammar> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  dockerfile: () => import('highlight.js/lib/languages/dockerfile'),
  go: () => import('highlight.js/lib/languages/go'),
  graphql: () => import('highlight.js/lib/languages/graphql'),
  ini: () => import('highlight.js/lib/languages/ini'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  lua: () => import('highlight.js/lib/languages/lua'),
  makefile: () => import('highlight.js/lib/languages/makefile'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  php: () => import('highlight.js/lib/languages/php'),
  powershell: () => import('highlight.js/lib/languages/powershell'),
  python: () => import('highlight.js/lib/languages/python'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  scss: () => import('highlight.js/lib/languages/scss'),
  shell: () => import('highlight.js/lib/languages/shell'),
  sql: () => import('highlight.js/lib/languages/sql'),
  swift: () => import('highlight.js/lib/languages/swift'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

/** Names models put after a fence, mapped to the grammar that reads them. */
const ALIASES: Record<string, string> = {
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript', node: 'javascript',
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  py: 'python', python3: 'python', sh: 'bash', zsh: 'bash', console: 'shell', shellsession: 'shell',
  html: 'xml', xhtml: 'xml', svg: 'xml', plist: 'xml', yml: 'yaml', md: 'markdown', rs: 'rust', rb: 'ruby',
  cs: 'csharp', 'c#': 'csharp', 'c++': 'cpp', cc: 'cpp', cxx: 'cpp', hpp: 'cpp', h: 'c', golang: 'go', kt: 'kotlin',
  toml: 'ini', docker: 'dockerfile', ps1: 'powershell', pwsh: 'powershell', make: 'makefile', mk: 'makefile',
  gql: 'graphql', jsonc: 'json', json5: 'json', patch: 'diff', psql: 'sql', postgresql: 'sql', mysql: 'sql',
};

const lowlight = createLowlight();
const loading = new Map<string, Promise<void>>();
const queue: Array<{ code: HTMLElement; language: string }> = [];

/**
 * Highlights when the panel is idle, a few blocks at a time: a long reply completes dozens of
 * code blocks per frame, and highlighting them all at once would stall the frame.
 */
export function highlightSoon(code: HTMLElement, language: string): void {
  if (queue.push({ code, language }) === 1) requestIdleCallback(highlightQueued, { timeout: 500 });
}

async function highlightQueued(deadline: IdleDeadline): Promise<void> {
  // At least one per call: when the panel is never idle, the timeout still makes progress.
  do {
    const job = queue.shift()!;
    if (job.code.isConnected) await highlightCode(job.code, job.language);
  } while (queue.length > 0 && deadline.timeRemaining() > 2);
  if (queue.length > 0) requestIdleCallback(highlightQueued, { timeout: 500 });
}

/** Highlights a complete code block in place; unknown languages stay plain. */
export async function highlightCode(code: HTMLElement, language: string): Promise<void> {
  const name = ALIASES[language] ?? language;
  const grammar = Object.hasOwn(GRAMMARS, name) ? GRAMMARS[name] : undefined;
  if (!grammar) return;
  if (!loading.has(name)) loading.set(name, grammar().then((module) => lowlight.register(name, module.default)));
  await loading.get(name);
  const tree = lowlight.highlight(name, code.textContent ?? '');
  code.replaceChildren(...(tree.children as HastNode[]).map(toDom));
  code.classList.add('hljs');
}

function toDom(node: HastNode): Node {
  if (node.type !== 'element') return document.createTextNode(node.value ?? '');
  const span = document.createElement('span');
  const classes = node.properties?.className;
  if (Array.isArray(classes)) span.className = classes.join(' ');
  for (const child of node.children ?? []) span.appendChild(toDom(child));
  return span;
}
