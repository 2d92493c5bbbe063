import { effect, type Signal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TextView } from '@/utils/markdown/incremental-renderer';
import type { ChatMessage } from '@/utils/panel/message-model';
import { isRunning, type MessageState } from '@/utils/contract/port-messages';

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
 * text reaches the DOM as the message's text changes (appended to, or replaced), never through a
 * re-render of the message. `shownInFull` turns true once an ended reply's whole text is on
 * screen: the reply says it is done only then.
 */
export function MarkdownView({ message, shownInFull }: { message: ChatMessage; shownInFull: Signal<boolean> }) {
  const ref = useRef<HTMLDivElement>(null);
  // A layout effect: the text is in place before the browser paints, so a reply shown whole (a
  // reopened conversation) never flashes empty for a frame.
  useLayoutEffect(() => {
    const container = ref.current!;
    // Until the renderer has loaded (it normally has, long before a reply), show plain text.
    let view: TextView = plainTextView(container);
    /** The plain view is what the reply is shown as for good: the renderer failed to load. */
    let plainForGood = false;
    const settle = (state: MessageState) => {
      if (isRunning(state)) return void (shownInFull.value = false);
      // Stop shows at once, with everything received so far; done and error once it is all shown.
      if (state === 'stopped') view.flush();
      const settling = view;
      settling.finish(() => {
        const current = settling === view && (plainForGood || settling !== plain);
        if (current && !isRunning(message.state.peek())) shownInFull.value = true;
      });
    };
    const plain = view;
    view.update({ kind: 'replace', text: message.text.peek() });
    const unsubscribe = message.onTextChange((change) => view.update(change));
    const stop = effect(() => settle(message.state.value));
    let mounted = true;
    // Not destructured: WXT's auto-import would read the name as a global and import it statically.
    void loadMarkdownRenderer().then(
      (renderer) => {
        if (!mounted) return;
        view.destroy();
        view = renderer.createMarkdownView(container, { nextFrame: (callback) => requestAnimationFrame(callback) });
        view.update({ kind: 'replace', text: message.text.peek() });
        settle(message.state.peek());
      },
      () => {
        plainForGood = true;
        if (mounted) settle(message.state.peek());
      },
    );
    return () => {
      mounted = false;
      unsubscribe();
      stop();
      view.destroy();
    };
  }, [message, shownInFull]);
  return <div class="text markdown" ref={ref} />;
}

function plainTextView(container: HTMLElement): TextView {
  const node = document.createTextNode('');
  container.classList.add('plain');
  container.replaceChildren(node);
  return {
    update: (change) => (change.kind === 'append' ? node.appendData(change.delta) : (node.data = change.text)),
    finish: (onShown) => onShown?.(),
    flush() {},
    destroy() {
      container.classList.remove('plain');
      container.replaceChildren();
    },
  };
}
