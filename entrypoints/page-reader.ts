/**
 * Injected into the page the panel belongs to (scripting.executeScript, only when a function
 * runs, never at install): it installs the reader that the background then calls. Runs in the
 * extension's isolated world, so the page can neither see nor replace it.
 */
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { createPageReader } from '@/utils/page/reader';

export default defineUnlistedScript(() => {
  globalThis.sidechatPageReader ??= createPageReader(document);
});
