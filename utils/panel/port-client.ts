/**
 * The side panel's end of the port: validates what the background sends, and re-opens the port
 * by itself when it drops — a terminated service worker, a Firefox event page that unloaded —
 * with a short backoff, until the extension itself is gone (reloaded or updated).
 */
import { browser } from 'wxt/browser';
import { debugLog } from '../log';
import { panelPortName, parseBackgroundMessage, type BackgroundMessage, type PanelMessage, type PanelTransport, type PortLike } from '../contract/port-messages';

export interface PanelPortHandlers {
  onMessage(message: BackgroundMessage): void;
  /** A port is open: the first message on it, which tells the background what the panel shows. */
  onConnect(): PanelMessage;
  /** The port dropped; `final` when no new one can be opened. */
  onDisconnect(final: boolean): void;
}

/** Waits between attempts to re-open the port: quick at first, a worker restarts in well under a second. */
export const RECONNECT_DELAYS_MS = [0, 100, 250, 500, 1000, 2000];

export function connectPanelPort(
  windowId: number,
  handlers: PanelPortHandlers,
  connect: (name: string) => PortLike = (name) => browser.runtime.connect({ name }) as PortLike,
  schedule: (callback: () => void, ms: number) => void = (callback, ms) => void setTimeout(callback, ms),
): PanelTransport {
  let port: PortLike | undefined;
  let failures = 0;
  let reconnectDue = false;

  const open = (): PortLike | undefined => {
    let opened: PortLike;
    try {
      opened = connect(panelPortName(windowId));
    } catch (error) {
      // The extension was reloaded or removed: this page's runtime is gone for good.
      debugLog('panel', 'cannot open a port', error);
      handlers.onDisconnect(true);
      return undefined;
    }
    opened.onMessage.addListener((raw) => {
      failures = 0;
      const message = parseBackgroundMessage(raw);
      if (message) handlers.onMessage(message);
      else debugLog('panel', 'dropped a message that is not in the contract', raw);
    });
    opened.onDisconnect.addListener(() => {
      if (port !== opened) return;
      port = undefined;
      handlers.onDisconnect(false);
      scheduleReconnect();
    });
    port = opened;
    opened.postMessage(handlers.onConnect());
    return opened;
  };

  const scheduleReconnect = () => {
    if (reconnectDue) return;
    reconnectDue = true;
    const delay = RECONNECT_DELAYS_MS[Math.min(failures, RECONNECT_DELAYS_MS.length - 1)];
    failures++;
    schedule(() => {
      reconnectDue = false;
      port ??= open();
    }, delay);
  };

  open();
  return {
    post(message: PanelMessage) {
      port ??= open();
      port?.postMessage(message);
    },
  };
}
