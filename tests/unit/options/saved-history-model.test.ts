import { describe, expect, it, vi } from 'vitest';
import { createSavedHistoryModel } from '@/utils/options/saved-history-model';

describe('the saved-history model (Options → History)', () => {
  it('asks the background to delete only after the second click, and says it is done', async () => {
    const send = vi.fn(async () => undefined);
    const model = createSavedHistoryModel(send);
    model.ask();
    expect(model.step.value).toBe('confirm');
    expect(send).not.toHaveBeenCalled();
    await model.clear();
    expect(send).toHaveBeenCalledWith({ type: 'clear-saved-history' });
    expect(model.step.value).toBe('done');
  });

  it('says so when the background could not be reached, and a cancel goes back', async () => {
    const model = createSavedHistoryModel(async () => Promise.reject(new Error('no receiver')));
    model.ask();
    model.cancel();
    expect(model.step.value).toBe('idle');
    await model.clear();
    expect(model.step.value).toBe('failed');
  });
});
