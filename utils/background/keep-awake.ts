/**
 * Keeps the background alive while a reply streams. Chrome ends an idle service worker, and
 * Firefox suspends an idle event page, 30 s after the last extension API call (port traffic and
 * events count in Chrome; in Firefox an open port does not keep the page alive once the panel
 * has closed), and reading a fetch body counts in neither. A cheap API call at once and then
 * every 20 s is the sanctioned way to say "still working": the idle clock may already have run
 * for most of its 30 s when a reply starts. Counted, so overlapping replies hold it once.
 */
import { browser } from 'wxt/browser';

const INTERVAL_MS = 20_000;
let holders = 0;
let timer: ReturnType<typeof setInterval> | undefined;

// Only the call counts; a failed one has still told the browser.
const stillWorking = () => void browser.runtime.getPlatformInfo().catch(() => {});

export function holdAwake(): () => void {
  holders++;
  if (!timer) {
    stillWorking();
    timer = setInterval(stillWorking, INTERVAL_MS);
  }
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
