import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureLogging, debugLog, redact } from '@/utils/log';

describe('debug logging', () => {
  afterEach(() => configureLogging({ debug: false, keys: [] }));

  it('logs nothing unless debug logging is on', () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    debugLog('test', 'hello');
    expect(spy).not.toHaveBeenCalled();
  });

  it('never prints the API key or a bearer token', () => {
    const spy = vi.spyOn(console, 'debug').mockImplementation(() => {});
    configureLogging({ debug: true, keys: ['sk-very-secret'] });
    debugLog('test', 'sending', { headers: { Authorization: 'Bearer sk-very-secret' }, note: 'key=sk-very-secret' });
    debugLog('test', 'other token Bearer abc.def');
    const printed = spy.mock.calls.flat().join('\n');
    expect(printed).not.toContain('sk-very-secret');
    expect(printed).not.toContain('abc.def');
    expect(printed).toContain('[redacted]');
  });

  it('redacts the configured key in any text', () => {
    configureLogging({ debug: false, keys: ['k-123'] });
    expect(redact('failed for k-123')).toBe('failed for [redacted]');
  });
});
