import { effect, type ReadonlySignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TextView } from '@/utils/markdown/incremental-renderer';

let markdownModule: Promise<typeof import('@/utils/markdown/incremental-renderer')> | undefined;

/**
 * The markdown renderer (marked and the DOM builder) is a chunk of its own, kept out of what the
 * panel loads to open; main.tsx asks for it right after the first paint.
 */
export function loadMarkdownRenderer() {
  markdownModule ??= import('@/utils/markdown/incremental-renderer');
  return markdownModule;
}

/**
 * A reply's text as markdown, updated in place as it streams. The component renders once; the
 * text reaches the DOM through a signal effect, never through a re-render of the message.
 */
export function MarkdownView({ text, settled }: { text: ReadonlySignal<string>; settled: ReadonlySignal<boolean> }) {
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: the text is in place before the browser paints, so a reply shown whole (a
  // reopened conversation) never flashes empty for a frame.
  useLayoutEffect(() => {
    const container = ref.current!;
    // Until the renderer has loaded (it normally has, long before a reply), show plain text.
    let view: TextView = plainTextView(container);
    const show = (value: string, final: boolean) => {
      view.update(value);
      if (final) view.finish();
    };
    const stop = effect(() => show(text.value, settled.value));
    let mounted = true;
    // Not destructured: WXT's auto-import would read the name as a global and import it statically.
    void loadMarkdownRenderer().then((renderer) => {
      if (!mounted) return;
      view.destroy();
      view = renderer.createMarkdownView(container, { nextFrame: (callback) => requestAnimationFrame(callback) });
      show(text.peek(), settled.peek());
    });
    return () => {
      mounted = false;
      stop();
      view.destroy();
    };
  }, [text, settled]);
  return <div class="text markdown" ref={ref} />;
}

function plainTextView(container: HTMLElement): TextView {
  const node = document.createTextNode('');
  container.classList.add('plain');
  container.replaceChildren(node);
  return {
    update: (value) => (node.data = value),
    finish() {},
    destroy() {
      container.classList.remove('plain');
      container.replaceChildren();
    },
  };
}
