import { describe, expect, it } from 'vitest';
import { checkCall, FUNCTION_DECLARATIONS } from '@/utils/contract/page-functions';

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
    expect(checkCall({ id: 'c1', name: 'find_in_page', arguments: { query: 'lamp' } })).toEqual({
      ok: true,
      call: { id: 'c1', name: 'find_in_page', args: { query: 'lamp' } },
    });
  });

  it('says what is wrong as data, for the side that reports it to put in words', () => {
    expect(checkCall({ id: 'c', name: 'delete_page', arguments: {} })).toEqual({
      ok: false,
      problem: { kind: 'unknown-function', name: 'delete_page', offered: ['get_page_context', 'get_selection', 'find_in_page'] },
    });
    expect(checkCall({ id: 'c', name: 'find_in_page', arguments: {} })).toMatchObject({
      ok: false,
      problem: { kind: 'invalid-arguments', name: 'find_in_page', issues: [{ path: 'query', message: expect.any(String) }] },
    });
  });
});
