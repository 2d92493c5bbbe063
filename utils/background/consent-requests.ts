/**
 * The background's side of asking the user: a call waits here until the panel answers with the
 * user's choice. A stopped reply, or no answer in time, counts as declined: nothing is shared
 * without a yes.
 */
import { holdAwake } from './keep-awake';
import type { ConsentDecision } from '../contract/port-messages';

const waiting = new Map<string, (decision: ConsentDecision) => void>();
const key = (windowId: number, callId: string) => `${windowId}:${callId}`;

/** Long enough to read the prompt and decide; short enough that a forgotten prompt doesn't hold a reply forever. */
export const CONSENT_TIMEOUT_MS = 5 * 60_000;

export function waitForConsent(windowId: number, callId: string, signal: AbortSignal, timeoutMs = CONSENT_TIMEOUT_MS): Promise<ConsentDecision> {
  return new Promise((resolve) => {
    const release = holdAwake();
    const timer = setTimeout(() => settle('decline'), timeoutMs);
    const onAbort = () => settle('decline');
    function settle(decision: ConsentDecision) {
      release();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      waiting.delete(key(windowId, callId));
      resolve(decision);
    }
    if (signal.aborted) return settle('decline');
    signal.addEventListener('abort', onAbort);
    waiting.set(key(windowId, callId), settle);
  });
}

/** The panel's answer; one for a call nobody waits for (any more) is ignored. */
export function answerConsent(windowId: number, callId: string, decision: ConsentDecision): void {
  waiting.get(key(windowId, callId))?.(decision);
}
