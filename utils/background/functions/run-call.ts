/**
 * One function call, from the model's request to the result sent back: validated, shown in the
 * panel, asked for (unless the site is always allowed), run in the page. Every way it can go
 * wrong ends in an error result for the model and a note for the user — never a stuck reply.
 */
import { waitForConsent } from '../consent-requests';
import { t } from '../../i18n';
import type { CallView } from '../../contract/port-messages';
import type { FunctionCall, FunctionResult } from '../../contract/sidechat-wire';
import { allowAlways, isAlwaysAllowed } from '../../site-consent';
import { askingView, declinedView, doneView, failedView, runningView } from './call-views';
import { openPage, PageAccessError, readPage } from './page-access';
import { validateCall } from './validate-call';

export const DECLINED = 'The user declined to share the page. Answer without it, and do not ask for it again for this message.';

export interface CallEnv {
  windowId: number;
  signal: AbortSignal;
  report(view: CallView): void;
}

export async function runPageCall(requested: FunctionCall, { windowId, signal, report }: CallEnv): Promise<FunctionResult> {
  const { id, name } = requested;
  const checked = validateCall(requested);
  if (!checked.ok) {
    report(failedView(requested, checked.error));
    return { id, name, error: checked.error };
  }
  const call = checked.call;
  report(runningView(call));
  try {
    const page = await openPage(windowId);
    if (!(await isAlwaysAllowed(page.site))) {
      report(askingView(call, page));
      const decision = await waitForConsent(windowId, id, signal);
      if (decision === 'decline') {
        report(declinedView(call));
        return { id, name, error: DECLINED };
      }
      if (decision === 'always') await allowAlways(page.site);
      report(runningView(call));
    }
    const result = await readPage(page, call);
    report(doneView(call, result, page));
    return { id, name, result };
  } catch (error) {
    const message = error instanceof PageAccessError ? error.message : t('callUnexpected', (error as Error)?.message ?? String(error));
    report(failedView(requested, message));
    return { id, name, error: message };
  }
}
