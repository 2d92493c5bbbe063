/**
 * What the markdown, safety and scrolling scenarios send and read in the page. Functions run
 * in the page are self-contained: the drivers serialise them.
 */

export const showcase = (hitOrigin: string) =>
  [
    '## Sorting in Python',
    '',
    'Use **`sorted()`** for a new list, or `list.sort()` *in place* — see [the docs](https://docs.python.org/3/howto/sorting.html).',
    '',
    '```python',
    'names = ["bo", "Al", "cy"]',
    'print(sorted(names, key=str.lower))',
    '```',
    '',
    '| Function | In place | Returns |',
    '|---|:---:|---:|',
    '| `sorted()` | no | a new list |',
    '| `list.sort()` | yes | `None` |',
    '',
    '- [x] stable sort',
    '- [ ] ~~magic~~',
    '',
    `> A diagram: ![sorting diagram](${hitOrigin}/diagram.png)`,
    '',
    'Not a link: [click](javascript:alert(1)) and <b>not bold</b>.',
  ].join('\n');

/** In the page: what the test needs to know about the rendered reply. */
export function renderedShowcase() {
  const text = document.querySelector('[data-author="assistant"] .text')!;
  return {
    heading: text.querySelector('h2')?.textContent,
    language: text.querySelector('.code-lang')?.textContent,
    code: text.querySelector('pre code')?.textContent,
    headers: [...text.querySelectorAll('th')].map((th) => [th.textContent, (th as HTMLElement).style.textAlign]),
    cells: text.querySelectorAll('td').length,
    tasks: [...text.querySelectorAll('input[type=checkbox]')].map((box) => [(box as HTMLInputElement).checked, (box as HTMLInputElement).disabled]),
    struck: text.querySelector('del')?.textContent,
    links: [...text.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel]),
    images: text.querySelectorAll('img').length,
    last: text.lastElementChild?.lastElementChild?.textContent,
  };
}

export interface PageTraps {
  alerts: string[];
  xss: unknown;
  violations: string[];
  copied: string[];
}

/** In the page: record what payloads might do (alert, window.__xss, CSP violations) and what the Copy buttons copy. */
export function installTraps(): void {
  const w = window as unknown as PageTraps & Record<string, unknown>;
  Object.assign(w, { alerts: [], violations: [], copied: [] });
  for (const name of ['alert', 'confirm', 'prompt']) w[name] = (message: unknown) => w.alerts.push(`${name}(${String(message)})`);
  document.addEventListener('securitypolicyviolation', (event) => w.violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  navigator.clipboard.writeText = async (text: string) => void w.copied.push(text);
}

export function readTraps(): PageTraps {
  const w = window as unknown as PageTraps & { __xss?: unknown };
  return { alerts: w.alerts, xss: w.__xss ?? null, violations: w.violations, copied: w.copied };
}

/** In the page: how far the conversation is scrolled from its bottom, and whether it overflows. */
export function scrollState() {
  const log = document.querySelector<HTMLElement>('[role=log]')!;
  return { fromBottom: log.scrollHeight - log.scrollTop - log.clientHeight, top: log.scrollTop, overflow: log.scrollHeight - log.clientHeight };
}

export interface ScrollSample {
  streaming: boolean;
  overflow: number;
  fromBottom: number;
}

/**
 * In the page: the conversation's scroll position after each layout of its content, read by a
 * ResizeObserver created after the panel's own — so after the panel has followed (or not) —
 * until five layouts overflowed the panel while the reply streamed, or the reply ended.
 */
export function scrollAfterEachLayout(): Promise<ScrollSample[]> {
  return new Promise((resolve) => {
    const log = document.querySelector<HTMLElement>('[role=log]')!;
    const samples: ScrollSample[] = [];
    const observer = new ResizeObserver(() => {
      const state = document.querySelector<HTMLElement>('[data-author="assistant"]')?.dataset.state;
      samples.push({ streaming: state === 'streaming', overflow: log.scrollHeight - log.clientHeight, fromBottom: log.scrollHeight - log.scrollTop - log.clientHeight });
      if (samples.filter((s) => s.streaming && s.overflow > 300).length >= 5 || state === 'done') {
        observer.disconnect();
        resolve(samples);
      }
    });
    observer.observe(document.querySelector('.conversation-content')!);
  });
}
