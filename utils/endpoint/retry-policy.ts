/**
 * How long a turn waits before it tries again, and how often. Exponential backoff with full
 * jitter (a random wait between 0 and the exponential bound), so clients that lost the same
 * server at the same moment do not all come back at the same moment.
 */
export interface RetryPolicy {
  /** Reconnects after a drop mid-stream, counted again from 1 once a resumed stream makes progress. */
  resumeAttempts: number;
  /** Retries of a request that got no answer yet (network error, first-byte timeout, 429/502/503/504). */
  firstByteAttempts: number;
  /** The first bound, unless the server's `retry:` names one. */
  baseDelayMs: number;
  /** The bound stops growing here (or at the server's `retry:`, if that is longer). */
  maxDelayMs: number;
  /** The longest `Retry-After` (or `retry:`) Sidechat waits out; a longer one fails with the time to come back. */
  maxRetryAfterMs: number;
  random: () => number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  resumeAttempts: 5,
  firstByteAttempts: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
  sleep: abortableSleep,
  now: Date.now,
};

/** The wait before attempt `attempt` (1-based): uniform in [0, min(cap, base · 2^(attempt-1))]. */
export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs' | 'maxRetryAfterMs' | 'random'>, serverRetryMs?: number): number {
  const base = serverRetryMs === undefined ? policy.baseDelayMs : Math.min(serverRetryMs, policy.maxRetryAfterMs);
  const cap = Math.max(policy.maxDelayMs, base);
  return Math.round(policy.random() * Math.min(cap, base * 2 ** (attempt - 1)));
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // Every HTTP date names its month; without this, Date.parse reads "-3" or "1.5" as dates.
  const date = /[A-Za-z]{3}/.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts (Stop during a wait). */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
