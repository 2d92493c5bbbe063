/**
 * The background's side of asking the user: a call waits here until the panel answers with the
 * user's choice. A stopped reply, or no answer in time, counts as declined: nothing is shared
 * without a yes.
 */
import { browser } from 'wxt/browser';

export type ConsentDecision = 'once' | 'always' | 'decline';

const waiting = new Map<string, (decision: ConsentDecision) => void>();
const key = (windowId: number, callId: string) => `${windowId}:${callId}`;

/** Long enough to read the prompt and decide; short enough that a forgotten prompt doesn't hold a reply forever. */
export const CONSENT_TIMEOUT_MS = 5 * 60_000;
/** Chrome stops an idle service worker after 30 s; an extension API call counts as activity. */
const KEEP_ALIVE_MS = 20_000;

export function waitForConsent(windowId: number, callId: string, signal: AbortSignal, timeoutMs = CONSENT_TIMEOUT_MS): Promise<ConsentDecision> {
  return new Promise((resolve) => {
    const keepAlive = setInterval(() => void browser.runtime.getPlatformInfo(), KEEP_ALIVE_MS);
    const timer = setTimeout(() => settle('decline'), timeoutMs);
    const onAbort = () => settle('decline');
    function settle(decision: ConsentDecision) {
      clearInterval(keepAlive);
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
