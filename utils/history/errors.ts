/** Storage failures as one error type, with a message a person can act on. */
import { t } from '../i18n';

export type HistoryErrorCode = 'quota' | 'unavailable' | 'failed';

export class HistoryError extends Error {
  override name = 'HistoryError';

  constructor(
    readonly code: HistoryErrorCode,
    options?: { cause?: unknown },
  ) {
    super(messageFor(code, options?.cause), options);
  }
}

function messageFor(code: HistoryErrorCode, cause: unknown): string {
  if (code === 'quota') return t('historyErrorQuota');
  if (code === 'unavailable') return t('historyErrorUnavailable');
  return t('historyErrorFailed', cause instanceof Error ? cause.message : String(cause));
}

/**
 * IndexedDB reports a full disk as QuotaExceededError, on the request or as the reason its
 * transaction aborted; a database that cannot open or was closed under us (storage cleared,
 * browser shutting down) is unavailable; anything else failed.
 */
export function toHistoryError(error: unknown): HistoryError {
  if (error instanceof HistoryError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  // storage.session over its quota rejects with a plain Error that says so.
  if (name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message))) return new HistoryError('quota', { cause: error });
  if (name === 'InvalidStateError' || name === 'UnknownError' || name === 'VersionError') return new HistoryError('unavailable', { cause: error });
  return new HistoryError('failed', { cause: error });
}
