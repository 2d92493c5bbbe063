import { t } from '@/utils/i18n';
import type { CallView, ConsentDecision } from '@/utils/contract/port-messages';
import { ConsentPrompt } from './ConsentPrompt';

/** One function call in a reply: what it is doing, then what it shared (on demand), or why it didn't. */
export function FunctionCallView({ call, onAnswer }: { call: CallView; onAnswer: (decision: ConsentDecision) => void }) {
  return (
    <div class="call" data-call={call.name} data-status={call.status}>
      <div class="call-label">{call.label}</div>
      {call.ask && <ConsentPrompt ask={call.ask} onAnswer={onAnswer} />}
      {call.note && <div class="call-note">{call.note}</div>}
      {call.shared && (
        <details class="call-shared">
          <summary>{t('callShared')}</summary>
          {/* Focusable, so the text can be scrolled with the keyboard. */}
          <pre tabIndex={0} aria-label={t('callShared')}>
            {call.shared}
          </pre>
        </details>
      )}
    </div>
  );
}
