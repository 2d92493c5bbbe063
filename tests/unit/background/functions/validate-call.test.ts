import { describe, expect, it } from 'vitest';
import { validateCall } from '@/utils/background/functions/validate-call';

describe('validating a function call', () => {
  it('accepts a known function with valid arguments', () => {
    expect(validateCall({ id: 'c1', name: 'find_in_page', arguments: { query: 'lamp' } })).toEqual({
      ok: true,
      call: { id: 'c1', name: 'find_in_page', args: { query: 'lamp' } },
    });
    expect(validateCall({ id: 'c2', name: 'get_page_context', arguments: {} })).toMatchObject({ ok: true });
  });

  it('says what is wrong with an unknown function or bad arguments, for the model to read', () => {
    expect(validateCall({ id: 'c', name: 'delete_page', arguments: {} })).toEqual({
      ok: false,
      error: 'Unknown function “delete_page”. Sidechat offers: get_page_context, get_selection, find_in_page.',
    });
    expect(validateCall({ id: 'c', name: 'toString', arguments: {} })).toMatchObject({ ok: false, error: expect.stringContaining('Unknown function') });
    const missing = validateCall({ id: 'c', name: 'find_in_page', arguments: {} });
    expect(missing).toMatchObject({ ok: false, error: expect.stringMatching(/^Invalid arguments for find_in_page: query: /) });
    expect(validateCall({ id: 'c', name: 'find_in_page', arguments: { query: '' } })).toMatchObject({ ok: false });
    expect(validateCall({ id: 'c', name: 'find_in_page', arguments: { query: 'x'.repeat(201) } })).toMatchObject({ ok: false });
    expect(validateCall({ id: 'c', name: 'get_page_context', arguments: { url: 'https://elsewhere.example' } })).toMatchObject({
      ok: false,
      error: expect.stringContaining('url'),
    });
  });
});
