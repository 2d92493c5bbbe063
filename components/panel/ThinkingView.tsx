import { useComputed, type Signal } from '@preact/signals';
import { t } from '@/utils/i18n';

/**
 * A reasoning model's thinking, collapsed under the reply's answer heading. Model output is
 * untrusted: it is shown as a text node, never parsed as markdown or HTML.
 */
export function ThinkingView({ reasoning }: { reasoning: Signal<string> }) {
  // Computed: the section re-renders when thinking starts, not on every delta (the text node follows the signal).
  const has = useComputed(() => reasoning.value !== '');
  if (!has.value) return null;
  return (
    <details class="thinking">
      <summary>{t('replyThinking')}</summary>
      <div class="thinking-text">{reasoning}</div>
    </details>
  );
}
