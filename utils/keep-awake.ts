/**
 * Keeps Chrome's service worker from being terminated while a reply streams. Chrome ends an
 * idle worker after 30 s without extension API calls or port messages, and reading a fetch
 * body is not documented to count; a cheap API call every 20 s is the sanctioned way to say
 * "still working". Counted, so overlapping replies hold it once.
 */
import { browser } from 'wxt/browser';

const INTERVAL_MS = 20_000;
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

export function holdAwake(): () => void {
  holders++;
  timer ??= setInterval(() => void browser.runtime.getPlatformInfo(), INTERVAL_MS);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}
