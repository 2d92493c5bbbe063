/**
 * The background's side of every panel: which conversation each window shows, its history,
 * and the replies running in it. Panels come and go (closed, reconnected after the worker
 * restarted); the hub is what stays. What a panel asks for goes through one queue per window,
 * so an `open` and the `send` right after it are handled in order.
 */
import type { HistoryStore, RecentMessages } from '../history/types';
import { t } from '../i18n';
import { createLiveReplies } from './live-replies';
import { messagesBefore } from './history-budget';
import { debugLog } from '../log';
import { isRunning, type BackgroundMessage, type MessageSnapshot, type PanelMessage } from '../contract/port-messages';
import { loadCheckpoints, removeCheckpoint, type ReplyCheckpoint } from './checkpoints';
import { pendingReply } from '../contract/reply-record';
import type { ReplyDeps, SessionSlot } from './reply-runner';
import { currentConversation, setCurrentConversation } from './window-conversations';

export type Listener = (message: BackgroundMessage) => void;

export interface HubDeps extends ReplyDeps {
  /** The history for a window: on disk, or in memory for a private window. */
  storeFor(windowId: number): Promise<HistoryStore>;
}

export const OLDER_PAGE_SIZE = 50;
/** Not a window: asks `storeFor` for the history on disk. */
const NO_WINDOW = -1;

export function createChatHub(deps: HubDeps) {
  const replies = createLiveReplies(deps);
  const listeners = new Map<number, Set<Listener>>();
  const queues = new Map<number, Promise<unknown>>();
  const stores = new Map<number, HistoryStore>();
  const ready = resumeCheckpoints();

  async function storeOf(windowId: number): Promise<HistoryStore> {
    const store = stores.get(windowId) ?? (await deps.storeFor(windowId));
    stores.set(windowId, store);
    return store;
  }

  const broadcast = (windowId: number, message: BackgroundMessage) => listeners.get(windowId)?.forEach((listener) => listener(message));

  /** Runs `task` after everything asked before it for this window, and after the resumes. */
  function queued(windowId: number, task: () => Promise<void>): Promise<void> {
    const next = Promise.all([ready, queues.get(windowId)]).then(task);
    const settled = next.catch((error) => debugLog('hub', 'a panel request failed', error));
    queues.set(windowId, settled);
    return settled;
  }

  async function save(windowId: number, store: HistoryStore, conversationId: string, messages: MessageSnapshot[]): Promise<void> {
    try {
      const createdAt = Date.now();
      await store.putMessages(messages.map((message) => ({ ...message, conversationId, createdAt })));
    } catch (error) {
      broadcast(windowId, { type: 'storage-error', message: (error as Error).message });
      throw error;
    }
  }

  function sessionSlot(store: HistoryStore, conversationId: string): SessionSlot {
    return {
      async get(endpointKey) {
        const conversation = await store.getConversation(conversationId);
        return conversation?.endpointKey === endpointKey ? conversation.sessionId : undefined;
      },
      async set(endpointKey, sessionId) {
        await store.updateConversation(conversationId, { endpointKey, sessionId });
      },
    };
  }

  function launch(windowId: number, store: HistoryStore, conversationId: string, record: MessageSnapshot, extra: { text: string; shareContext?: boolean; resume?: ReplyCheckpoint['position'] }) {
    replies.launch({
      windowId,
      conversationId,
      record,
      ...extra,
      session: sessionSlot(store, conversationId),
      earlier: () => messagesBefore(store, conversationId, record.seq),
      save: (copy) => save(windowId, store, conversationId, [copy]),
      emit: (message) => broadcast(windowId, message),
    });
  }

  type View = { messages: MessageSnapshot[]; hasOlder: boolean };

  /**
   * Hands `show` the conversation as a panel shows it: saved messages, running replies as far as
   * they got. From the page read to `show`, nothing awaits, so whoever is shown it hears every
   * chunk after it and none before.
   */
  async function showPage(windowId: number, conversationId: string | undefined, beforeSeq: number | undefined, show: (view: View) => void): Promise<void> {
    const store = await storeOf(windowId);
    if (!conversationId) return show({ messages: [], hasOlder: false });
    const limit = beforeSeq === undefined ? (await deps.loadSettings()).historyLimit : OLDER_PAGE_SIZE;
    const waited = new Set<string>();
    for (;;) {
      const page = await store.loadRecent(conversationId, limit, beforeSeq);
      // A reply that ended while the page was read: read again once its last save is in.
      const ending = page.messages.filter((m) => isRunning(m.state) && !replies.record(m.id) && !waited.has(m.id));
      const saves = ending.flatMap((m) => replies.lastSave(m.id) ?? []);
      if (saves.length === 0) return show(present(windowId, store, conversationId, page));
      ending.forEach((m) => waited.add(m.id));
      await Promise.all(saves);
    }
  }

  function present(windowId: number, store: HistoryStore, conversationId: string, page: RecentMessages): View {
    const stale: MessageSnapshot[] = [];
    const messages = page.messages.map((saved): MessageSnapshot => {
      const { conversationId: _, createdAt: __, ...message } = saved;
      const running = replies.record(message.id);
      if (running) return { ...running };
      if (message.author !== 'assistant' || !isRunning(message.state)) return message;
      // A reply no worker is running any more (and none could resume): say so, keep its text.
      const settled: MessageSnapshot = { ...message, state: 'error', error: t('replyInterrupted') };
      stale.push(settled);
      return settled;
    });
    if (stale.length) void save(windowId, store, conversationId, stale).catch(() => {});
    return { messages, hasOlder: page.hasOlder };
  }

  /** Sends the window's conversation to one panel, which from then on hears what happens in it. */
  async function open(windowId: number, listener: Listener, conversationId?: string): Promise<void> {
    const store = await storeOf(windowId);
    let id = conversationId ?? (await currentConversation(windowId));
    if (id && !(await store.getConversation(id))) id = undefined;
    if (!conversationId && !id) id = (await store.listConversations())[0]?.id;
    await setCurrentConversation(windowId, id);
    await showPage(windowId, id, undefined, (view) => {
      listener({ type: 'conversation', conversationId: id, ...view });
      let windowListeners = listeners.get(windowId);
      if (!windowListeners) listeners.set(windowId, (windowListeners = new Set()));
      windowListeners.add(listener);
    });
  }

  async function send(windowId: number, message: Extract<PanelMessage, { type: 'send' }>): Promise<void> {
    const { messageId, replyId, text, shareContext } = message;
    const store = await storeOf(windowId);
    // A panel that cannot tell whether its send arrived sends it again, with the same ids.
    if (replies.record(replyId) || (await store.getMessage(replyId))) return;
    let conversationId = await currentConversation(windowId);
    if (conversationId && replies.isRunningIn(conversationId)) return broadcast(windowId, { type: 'error', replyId, message: t('replyBusy'), code: 'busy' });
    const isNew = !conversationId;
    if (!conversationId) {
      conversationId = (await store.createConversation()).id;
      await setCurrentConversation(windowId, conversationId);
    }
    const seq = await store.nextSeq(conversationId);
    const question: MessageSnapshot = { id: messageId, seq, author: 'user', text, state: 'done' };
    const record: MessageSnapshot = { id: replyId, seq: seq + 1, author: 'assistant', text: '', state: 'pending', prompt: text };
    // A reply is worth having even if the history can't be saved (the panel was told).
    await save(windowId, store, conversationId, [question, record]).catch(() => {});
    if (isNew) broadcast(windowId, { type: 'conversation', conversationId, messages: [question, record], hasOlder: false });
    launch(windowId, store, conversationId, record, { text, shareContext });
  }

  async function retry(windowId: number, replyId: string, text: string): Promise<void> {
    const conversationId = await currentConversation(windowId);
    if (!conversationId) return;
    if (replies.isRunningIn(conversationId)) return broadcast(windowId, { type: 'error', replyId, message: t('replyBusy'), code: 'busy' });
    const store = await storeOf(windowId);
    const saved = await store.getMessage(replyId);
    const record = pendingReply(saved?.conversationId === conversationId ? saved : { id: replyId, seq: await store.nextSeq(conversationId), author: 'assistant', text: '', state: 'pending', prompt: text });
    launch(windowId, store, conversationId, { ...record, prompt: text }, { text });
  }

  /** Picks up the replies a terminated worker was running, where their saved text ends. */
  async function resumeCheckpoints(): Promise<void> {
    for (const checkpoint of await loadCheckpoints().catch(() => [])) {
      const { windowId, conversationId, record, textLength, position } = checkpoint;
      const store = await storeOf(windowId);
      const saved = await store.getMessage(record.id);
      if (!saved || saved.text.length < textLength) {
        await removeCheckpoint(record.id);
        continue;
      }
      debugLog('hub', `resuming reply ${record.id} after event ${position.lastEventId ?? '(none)'}`);
      const resumed: MessageSnapshot = { ...record, text: saved.text.slice(0, textLength) };
      launch(windowId, store, conversationId, resumed, { text: record.prompt ?? '', resume: position });
    }
  }

  async function showConversation(windowId: number, conversationId: string | undefined): Promise<void> {
    await setCurrentConversation(windowId, conversationId);
    await showPage(windowId, conversationId, undefined, (view) => broadcast(windowId, { type: 'conversation', conversationId, ...view }));
  }

  /** Deletes every conversation in `store`; the panels showing one of them are emptied. */
  async function clearStore(store: HistoryStore): Promise<void> {
    const sharing = [...stores].filter(([, s]) => s === store).map(([windowId]) => windowId);
    await replies.stopWhere((reply) => sharing.includes(reply.windowId));
    await store.clearAll();
    for (const windowId of sharing) await showConversation(windowId, undefined);
  }

  async function list(windowId: number, listener: Listener): Promise<void> {
    const store = await storeOf(windowId);
    const items = (await store.listConversations()).map(({ id, title, createdAt, updatedAt, messageCount }) => ({ id, title, createdAt, updatedAt, messageCount }));
    listener({ type: 'conversations', items });
  }

  /** Handles one message from a panel of `windowId`; `listener` is that panel. */
  function handle(windowId: number, listener: Listener, message: PanelMessage): Promise<void> | void {
    switch (message.type) {
      case 'stop':
        return replies.stop(message.replyId);
      case 'open':
        return queued(windowId, () => open(windowId, listener, message.conversationId));
      case 'send':
        return queued(windowId, () => send(windowId, message));
      case 'retry':
        return queued(windowId, () => retry(windowId, message.replyId, message.text));
      case 'new-chat':
        return queued(windowId, () => showConversation(windowId, undefined));
      case 'older':
        return queued(windowId, () =>
          showPage(windowId, message.conversationId, message.beforeSeq, (view) => listener({ type: 'older', conversationId: message.conversationId, ...view })),
        );
      case 'forget-from':
        return queued(windowId, async () => {
          const store = await storeOf(windowId);
          const from = await store.getMessage(message.messageId);
          if (from?.conversationId === message.conversationId) await store.deleteMessages(message.conversationId, from.seq);
        });
      case 'list':
        return queued(windowId, () => list(windowId, listener));
      case 'delete-conversation':
        return queued(windowId, async () => {
          await replies.stopWhere((reply) => reply.conversationId === message.conversationId);
          await (await storeOf(windowId)).deleteConversation(message.conversationId);
          if ((await currentConversation(windowId)) === message.conversationId) await showConversation(windowId, undefined);
          await list(windowId, listener);
        });
      case 'clear-history':
        return queued(windowId, async () => clearStore(await storeOf(windowId)));
    }
  }

  return {
    handle,
    /** "Delete all conversations" in Options: the history on disk, not private windows' memory. */
    clearSavedHistory: () => queued(NO_WINDOW, async () => clearStore(await deps.storeFor(NO_WINDOW))),
    detach(windowId: number, listener: Listener): void {
      listeners.get(windowId)?.delete(listener);
    },
    /** Resolves once every reply started so far has ended and been saved (tests, shutdown). */
    settled: async () => {
      await ready;
      await replies.settled();
    },
  };
}

export type ChatHub = ReturnType<typeof createChatHub>;
