/**
 * The background end of one side panel's port: checks what the panel sends against the contract
 * and hands it to the hub, which outlives the port and answers it (panel-requests.ts). A panel that
 * disconnects leaves its reply running.
 */
import { batchChunks } from './chunk-batcher';
import type { PanelHub } from './hub';
import { debugLog } from '../log';
import { parsePanelMessage, windowIdOfPort, type BackgroundMessage, type PortLike } from '../contract/port-messages';

export function attachPanelPort(port: PortLike, hub: PanelHub): void {
  const windowId = windowIdOfPort(port.name);
  if (windowId === undefined) {
    debugLog('port', `refused a port named "${port.name}"`);
    port.disconnect();
    return;
  }
  let connected = true;
  const listener = batchChunks((message: BackgroundMessage) => {
    if (connected) port.postMessage(message);
  });

  port.onMessage.addListener((raw) => {
    const message = parsePanelMessage(raw);
    if (!message) {
      debugLog('port', 'dropped a message that is not in the contract', raw);
      return;
    }
    debugLog('port', `panel → ${message.type}`, 'replyId' in message ? { replyId: message.replyId } : undefined);
    void hub.handle(windowId, listener, message);
  });

  port.onDisconnect.addListener(() => {
    connected = false;
    hub.detach(windowId, listener);
  });
}
