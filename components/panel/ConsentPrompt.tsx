import { t } from '@/utils/i18n';
import type { CallView, ConsentDecision } from '@/utils/contract/port-messages';

/** Page content leaves the browser only after a yes here (or an earlier "Always for this site"). */
export function ConsentPrompt({ ask, onAnswer }: { ask: NonNullable<CallView['ask']>; onAnswer: (decision: ConsentDecision) => void }) {
  return (
    <div class="consent" role="group" aria-label={t('consentGroupLabel')}>
      <p>
        {t('consentQuestion', ask.what)}
        <span class="consent-page">
          {ask.pageTitle} · {ask.site}
        </span>
      </p>
      <div class="consent-actions">
        <button type="button" onClick={() => onAnswer('once')}>
          {t('consentAllowOnce')}
        </button>
        <button type="button" onClick={() => onAnswer('always')}>
          {t('consentAlways')}
        </button>
        <button type="button" class="secondary" onClick={() => onAnswer('decline')}>
          {t('consentDecline')}
        </button>
      </div>
    </div>
  );
}
