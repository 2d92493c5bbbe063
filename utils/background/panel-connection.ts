/**
 * The background side of one side panel's port: validates what the panel sends and hands it to
 * the hub, which outlives the port. A panel that disconnects leaves its reply running.
 */
import { batchChunks } from './chunk-batcher';
import type { ChatHub } from './hub';
import { answerConsent } from './consent-requests';
import { probeEndpoint } from '../endpoint/probe';
import { debugLog } from '../log';
import { parsePanelMessage, windowIdOfPort, type BackgroundMessage, type PortLike } from '../contract/port-messages';
import type { Settings } from '../settings';

export interface SessionDeps {
  hub: ChatHub;
  loadSettings(): Promise<Settings>;
  fetch?: typeof fetch;
}

export function attachChatSession(port: PortLike, deps: SessionDeps): void {
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

  const probe = async () => {
    const { endpoint } = await deps.loadSettings();
    listener({ type: 'endpoint', ...(await probeEndpoint(endpoint, deps.fetch)) });
  };

  port.onMessage.addListener((raw) => {
    const message = parsePanelMessage(raw);
    if (!message) {
      debugLog('port', 'dropped a message that is not in the contract', raw);
      return;
    }
    debugLog('port', `panel → ${message.type}`, 'replyId' in message ? { replyId: message.replyId } : undefined);
    if (message.type === 'probe') void probe();
    else if (message.type === 'consent') answerConsent(windowId, message.callId, message.decision);
    else void deps.hub.handle(windowId, listener, message);
  });

  port.onDisconnect.addListener(() => {
    connected = false;
    deps.hub.detach(windowId, listener);
  });
}
