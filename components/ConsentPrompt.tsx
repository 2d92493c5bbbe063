import type { ConsentDecision } from '@/utils/consent-requests';
import type { CallView } from '@/utils/port-messages';

/** Page content leaves the browser only after a yes here (or an earlier "Always for this site"). */
export function ConsentPrompt({ ask, onAnswer }: { ask: NonNullable<CallView['ask']>; onAnswer: (decision: ConsentDecision) => void }) {
  return (
    <div class="consent" role="group" aria-label="Share this page?">
      <p>
        Share {ask.what} with your Sidechat endpoint?
        <span class="consent-page">
          {ask.pageTitle} · {ask.site}
        </span>
      </p>
      <div class="consent-actions">
        <button type="button" onClick={() => onAnswer('once')}>
          Allow once
        </button>
        <button type="button" onClick={() => onAnswer('always')}>
          Always for this site
        </button>
        <button type="button" class="secondary" onClick={() => onAnswer('decline')}>
          Decline
        </button>
      </div>
    </div>
  );
}
