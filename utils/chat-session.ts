/**
 * The background side of one side panel's port: validates what the panel sends, runs one reply
 * at a time for its window, and relays the reply's events back.
 */
import { batchChunks } from './chunk-batcher';
import { answerConsent } from './consent-requests';
import { clearSessionId } from './conversation-state';
import { probeEndpoint } from './endpoint-probe';
import { debugLog } from './log';
import { parsePanelMessage, windowIdOfPort, type BackgroundMessage, type PanelMessage, type PortLike } from './port-messages';
import { startReply, type ReplyDeps, type RunningReply } from './running-reply';

export function attachChatSession(port: PortLike, deps: ReplyDeps): void {
  const windowId = windowIdOfPort(port.name);
  if (windowId === undefined) {
    debugLog('port', `refused a port named "${port.name}"`);
    port.disconnect();
    return;
  }
  let connected = true;
  let running: RunningReply | undefined;

  const relay = batchChunks((message) => {
    if (connected) port.postMessage(message);
  });
  const post = (message: BackgroundMessage) => {
    // The panel may send the next message as soon as it hears the reply ended.
    if ((message.type === 'done' || message.type === 'error' || message.type === 'stopped') && running?.replyId === message.replyId) running = undefined;
    relay(message);
  };

  const start = (message: Extract<PanelMessage, { type: 'send' | 'retry' }>) => {
    const { replyId, text } = message;
    if (running) {
      post({ type: 'error', replyId, message: 'A reply is still running — wait for it or press Stop first.', code: 'busy' });
      return;
    }
    running = startReply({ windowId, replyId, text, shareContext: message.type === 'send' && message.shareContext }, deps, post);
  };

  const probe = async () => {
    const { endpointUrl } = await deps.loadSettings();
    post({ type: 'endpoint', ...(await probeEndpoint(endpointUrl, deps.fetch)) });
  };

  port.onMessage.addListener((raw) => {
    const message = parsePanelMessage(raw);
    if (!message) {
      debugLog('port', 'dropped a message that is not in the contract', raw);
      return;
    }
    debugLog('port', `panel → ${message.type}`, 'replyId' in message ? { replyId: message.replyId } : undefined);
    if (message.type === 'probe') void probe();
    else if (message.type === 'new-chat') void clearSessionId(windowId);
    else if (message.type === 'consent') answerConsent(windowId, message.callId, message.decision);
    else if (message.type === 'stop') {
      if (running?.replyId === message.replyId) running.abort();
    } else start(message);
  });

  // A panel that goes away takes its reply with it (for now: replies may outlive panels later).
  port.onDisconnect.addListener(() => {
    connected = false;
    running?.abort();
  });
}
