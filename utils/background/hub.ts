/**
 * The background's side of every panel: which conversation each window shows, its history, and
 * the replies running in it. Panels come and go (closed, reconnected after the worker restarted);
 * the hub is what stays. Put together here from its parts: the pages of a conversation
 * (conversation-pages), replies (conversation-replies, reply-resume), the other conversation
 * actions (conversation-actions), and the one dispatcher of panel requests (panel-requests).
 */
import type { HistoryStore } from '../history/types';
import { createLiveReplies } from './live-replies';
import { debugLog } from '../log';
import type { BackgroundMessage, MessageSnapshot, PanelListener } from '../contract/port-messages';
import { probeEndpoint } from '../endpoint/probe';
import type { ReplyDeps } from './reply-runner';
import { createConversationPages } from './conversation-pages';
import { createConversationReplies } from './conversation-replies';
import { createConversationActions } from './conversation-actions';
import { resumeCheckpointedReplies } from './reply-resume';
import { createPanelDispatcher } from './panel-requests';

export interface HubDeps extends ReplyDeps {
  /** The history for a window: on disk, or in memory for a private window. */
  storeFor(windowId: number): Promise<HistoryStore>;
}

/** Not a window: asks `storeFor` for the history on disk. */
const NO_WINDOW = -1;

export function createPanelHub(deps: HubDeps) {
  const replies = createLiveReplies(deps);
  const listeners = new Map<number, Set<PanelListener>>();
  const queues = new Map<number, Promise<unknown>>();
  const stores = new Map<number, HistoryStore>();

  async function storeOf(windowId: number): Promise<HistoryStore> {
    const store = stores.get(windowId) ?? (await deps.storeFor(windowId));
    stores.set(windowId, store);
    return store;
  }

  const broadcast = (windowId: number, message: BackgroundMessage) => listeners.get(windowId)?.forEach((listener) => listener(message));

  async function save(windowId: number, store: HistoryStore, conversationId: string, messages: MessageSnapshot[]): Promise<void> {
    try {
      const createdAt = Date.now();
      await store.putMessages(messages.map((message) => ({ ...message, conversationId, createdAt })));
    } catch (error) {
      broadcast(windowId, { type: 'storage-error', message: (error as Error).message });
      throw error;
    }
  }

  const pages = createConversationPages({ replies, storeOf, loadSettings: deps.loadSettings, save });
  const starts = createConversationReplies({ replies, storeOf, broadcast, save });
  const actions = createConversationActions({
    replies,
    storeOf,
    windowsOf: (store) => [...stores].filter(([, s]) => s === store).map(([windowId]) => windowId),
    showPage: pages.showPage,
    broadcast,
    listen(windowId, listener) {
      let windowListeners = listeners.get(windowId);
      if (!windowListeners) listeners.set(windowId, (windowListeners = new Set()));
      windowListeners.add(listener);
    },
  });
  // First, so the replies a terminated worker left running resume before any panel is answered.
  const ready = resumeCheckpointedReplies(storeOf, starts.launch);

  /** Runs `task` after everything asked before it for this window, and after the resumes. */
  function queued(windowId: number, task: () => Promise<void>): Promise<void> {
    const next = Promise.all([ready, queues.get(windowId)]).then(task);
    const settled = next.catch((error) => debugLog('hub', 'a panel request failed', error));
    queues.set(windowId, settled);
    return settled;
  }

  const handle = createPanelDispatcher({
    queued,
    actions,
    starts,
    stop: replies.stop,
    showPage: pages.showPage,
    probe: async () => probeEndpoint((await deps.loadSettings()).endpoint, deps.fetch),
  });

  return {
    handle,
    /** "Delete all conversations" in Options: the history on disk, not private windows' memory. */
    clearSavedHistory: () => queued(NO_WINDOW, async () => actions.clearStore(await deps.storeFor(NO_WINDOW))),
    detach(windowId: number, listener: PanelListener): void {
      listeners.get(windowId)?.delete(listener);
    },
    /** Resolves once every reply started so far has ended and been saved (tests, shutdown). */
    settled: async () => {
      await ready;
      await replies.settled();
    },
  };
}

export type PanelHub = ReturnType<typeof createPanelHub>;
