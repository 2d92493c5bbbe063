/**
 * The one dispatcher of what a panel asks of the background. Whatever reads or changes a window's
 * conversations goes through that window's queue, so an `open` and the `send` right after it are
 * handled in order; Stop, the endpoint probe and consent answers act at once.
 */
import type { EndpointStatus, PanelListener, PanelMessage } from '../contract/port-messages';
import { answerConsent } from './consent-requests';
import type { ConversationActions } from './conversation-actions';
import type { ConversationPage } from './conversation-pages';
import type { ConversationReplies } from './conversation-replies';

export interface PanelRequestDeps {
  /** Runs `task` after everything asked before it for this window. */
  queued(windowId: number, task: () => Promise<void>): Promise<void>;
  actions: ConversationActions;
  starts: Pick<ConversationReplies, 'send' | 'retry'>;
  stop(replyId: string): void;
  showPage(windowId: number, conversationId: string, beforeSeq: number, show: (page: ConversationPage) => void): Promise<void>;
  probe(): Promise<EndpointStatus>;
}

export function createPanelDispatcher({ queued, actions, starts, stop, showPage, probe }: PanelRequestDeps) {
  /** Handles one message from a panel of `windowId`; `listener` is that panel. */
  return function dispatch(windowId: number, listener: PanelListener, message: PanelMessage): Promise<void> | void {
    switch (message.type) {
      case 'stop':
        return stop(message.replyId);
      case 'probe':
        return probe().then((status) => listener({ type: 'endpoint', ...status }));
      case 'consent':
        return answerConsent(windowId, message.callId, message.decision);
      case 'open':
        return queued(windowId, () => actions.open(windowId, listener, message.conversationId));
      case 'send':
        return queued(windowId, () => starts.send(windowId, message));
      case 'retry':
        return queued(windowId, () => starts.retry(windowId, message.replyId, message.text));
      case 'new-chat':
        return queued(windowId, () => actions.show(windowId, undefined));
      case 'older': {
        const { conversationId, beforeSeq } = message;
        return queued(windowId, () => showPage(windowId, conversationId, beforeSeq, (page) => listener({ type: 'older', conversationId, ...page })));
      }
      case 'forget-from':
        return queued(windowId, () => actions.forgetFrom(windowId, message.conversationId, message.messageId));
      case 'list':
        return queued(windowId, () => actions.list(windowId, listener));
      case 'delete-conversation':
        return queued(windowId, () => actions.remove(windowId, listener, message.conversationId));
      case 'clear-history':
        return queued(windowId, () => actions.clearWindowHistory(windowId));
    }
  };
}
