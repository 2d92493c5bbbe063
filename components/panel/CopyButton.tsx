import { useSignal, type ReadonlySignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { copyText, COPY_FEEDBACK_MS } from '@/utils/panel/clipboard';

/** Copies the text as it is when clicked, and says for a moment whether that worked. */
export function CopyButton({ label, text }: { label: string; text: ReadonlySignal<string> }) {
  const outcome = useSignal<string | undefined>(undefined);
  useEffect(() => {
    if (!outcome.value) return;
    const timer = setTimeout(() => (outcome.value = undefined), COPY_FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [outcome.value]);
  return (
    <button type="button" class="copy-reply" onClick={async () => (outcome.value = await copyText(text.peek()))}>
      {outcome.value ?? label}
    </button>
  );
}
