import { describe, expect, it } from 'vitest';
import { hostPermissionPattern } from '@/utils/host-permission';

describe('hostPermissionPattern', () => {
  it.each([
    ['http://127.0.0.1:8787', undefined],
    ['http://localhost:3000/prefix', undefined],
    ['https://localhost:8443', 'https://localhost/*'],
    ['https://api.example.com:8443/v1', 'https://api.example.com/*'],
    ['http://192.168.1.5:11434', 'http://192.168.1.5/*'],
    ['http://[::1]:8787', 'http://[::1]/*'],
    ['https://Example.COM', 'https://example.com/*'],
  ])('%s → %s', (url, pattern) => {
    expect(hostPermissionPattern(url)).toBe(pattern);
  });
});
