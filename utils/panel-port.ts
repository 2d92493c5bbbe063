/**
 * The side panel's end of the port: validates what the background sends, and opens a new port
 * when the old one dropped (a restarted service worker, an extension reload).
 */
import { browser } from 'wxt/browser';
import { debugLog } from './log';
import { panelPortName, parseBackgroundMessage, type BackgroundMessage, type PanelMessage, type PortLike } from './port-messages';
import type { PanelTransport } from './chat-model';

export interface PanelPortHandlers {
  onMessage(message: BackgroundMessage): void;
  onDisconnect(): void;
}

export function connectPanelPort(
  windowId: number,
  handlers: PanelPortHandlers,
  connect: (name: string) => PortLike = (name) => browser.runtime.connect({ name }) as PortLike,
): PanelTransport {
  let port: PortLike | undefined;

  const open = (): PortLike => {
    const opened = connect(panelPortName(windowId));
    opened.onMessage.addListener((raw) => {
      const message = parseBackgroundMessage(raw);
      if (message) handlers.onMessage(message);
      else debugLog('panel', 'dropped a message that is not in the contract', raw);
    });
    opened.onDisconnect.addListener(() => {
      if (port === opened) port = undefined;
      handlers.onDisconnect();
    });
    return opened;
  };

  port = open();
  return {
    post(message: PanelMessage) {
      port ??= open();
      port.postMessage(message);
    },
  };
}
