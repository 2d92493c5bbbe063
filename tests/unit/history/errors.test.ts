import { describe, expect, it } from 'vitest';
import { HistoryError, toHistoryError } from '@/utils/history/errors';

describe('toHistoryError', () => {
  it.each([
    ['QuotaExceededError', 'quota', 'Storage is full — delete old conversations'],
    ['UnknownError', 'unavailable', "the browser's storage is unavailable"],
    ['InvalidStateError', 'unavailable', "the browser's storage is unavailable"],
    ['VersionError', 'unavailable', "the browser's storage is unavailable"],
    ['DataCloneError', 'failed', 'Could not save the conversation (cannot clone). What was saved before is kept.'],
  ])('turns a %s into %s, with a message a person can act on', (name, code, text) => {
    const cause = new DOMException('cannot clone', name);
    const error = toHistoryError(cause);
    expect(error).toBeInstanceOf(HistoryError);
    expect(error).toMatchObject({ code, cause });
    expect(error.message).toContain(text);
  });

  it('passes a HistoryError through unchanged', () => {
    const error = new HistoryError('quota');
    expect(toHistoryError(error)).toBe(error);
  });
});
