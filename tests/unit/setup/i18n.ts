/** WXT's fake browser has no i18n: answer from the English catalogue, as the browser would. */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import english from '../../../public/_locales/en/messages.json';

export function englishMessage(key: string, substitutions: string | string[] = []): string {
  const entry = (english as Record<string, { message: string }>)[key];
  if (!entry) return '';
  const values = Array.isArray(substitutions) ? substitutions : [substitutions];
  return entry.message.replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
}

beforeEach(() => {
  fakeBrowser.i18n.getMessage = englishMessage as typeof fakeBrowser.i18n.getMessage;
});
