import { describe, expect, it } from 'vitest';
import { hostPermissionPattern, isPlainHttpRemote } from '@/utils/host-permission';

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

describe('isPlainHttpRemote', () => {
  it.each([
    ['http://192.168.1.5:11434', true],
    ['http://api.example.com', true],
    ['https://api.example.com', false],
    ['http://127.0.0.1:8787', false],
    ['http://127.0.0.2:8787', false],
    ['http://localhost', false],
    ['http://[::1]:8787', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(isPlainHttpRemote(url)).toBe(expected);
  });
});
