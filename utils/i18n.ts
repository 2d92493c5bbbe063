/**
 * Every user-facing string goes through the browser's i18n (`public/_locales/*`), so the
 * extension speaks the browser's language. Keys are typed from the English catalogue.
 */
import { browser } from 'wxt/browser';
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;

export function t(key: MessageKey, ...substitutions: Array<string | number>): string {
  return browser.i18n.getMessage(key, substitutions.map(String)) || key;
}

/** The page's language for screen readers and hyphenation, and its title. */
export function localizeDocument(titleKey?: MessageKey): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  if (titleKey) document.title = t(titleKey);
}
