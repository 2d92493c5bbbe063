import { describe, expect, it } from 'vitest';
import { FUNCTION_DECLARATIONS, validateCall } from '@/utils/contract/page-functions';

describe('the function registry', () => {
  it('declares each function with a name, a description and a JSON Schema for its arguments', () => {
    expect(FUNCTION_DECLARATIONS.map((f) => f.name)).toEqual(['get_page_context', 'get_selection', 'find_in_page']);
    for (const declaration of FUNCTION_DECLARATIONS) expect(declaration.description.length).toBeGreaterThan(40);
    expect(FUNCTION_DECLARATIONS[0].parameters).toEqual({ type: 'object', properties: {}, required: [], additionalProperties: false });
    expect(FUNCTION_DECLARATIONS[2].parameters).toEqual({
      type: 'object',
      properties: { query: { type: 'string', minLength: 1, maxLength: 200, description: 'The word or phrase to look for' } },
      required: ['query'],
      additionalProperties: false,
    });
  });

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
