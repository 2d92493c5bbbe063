/**
 * The side panel's state as signals: the conversation, whether a reply is running, and the
 * actions that change them. Each message has its own signals, so a chunk re-renders one
 * message, not the conversation.
 */
import { batch, computed, signal, type Signal } from '@preact/signals';
import type { Usage } from './protocol';
import type { EndpointStatus } from './endpoint-probe';
import type { ConsentDecision } from './consent-requests';
import type { BackgroundMessage, CallView, PanelMessage } from './port-messages';
import { createChunkCoalescer, type FrameScheduler } from './chunk-coalescer';

export type MessageState = 'pending' | 'streaming' | 'done' | 'stopped' | 'error';

export interface ChatMessage {
  id: string;
  author: 'user' | 'assistant';
  text: Signal<string>;
  state: Signal<MessageState>;
  usage: Signal<Usage | undefined>;
  error: Signal<string | undefined>;
  notice: Signal<string | undefined>;
  /** For an assistant message: the page functions it called (and "Share this page"), in order. */
  calls: Signal<CallView[]>;
  /** For an assistant message: the user text it answers, asked again by Retry. */
  prompt: string;
}

export interface PanelTransport {
  post(message: PanelMessage): void;
}

export type ChatModel = ReturnType<typeof createChatModel>;

const isRunning = (state: MessageState) => state === 'pending' || state === 'streaming';

export function createChatModel(transport: PanelTransport, options: { historyLimit: number; newId?: () => string; nextFrame?: FrameScheduler }) {
  const newId = options.newId ?? (() => crypto.randomUUID());
  const messages = signal<ChatMessage[]>([]);
  const historyLimit = signal(options.historyLimit);
  const endpoint = signal<EndpointStatus | undefined>(undefined);
  const activeReply = computed(() => messages.value.find((m) => m.author === 'assistant' && isRunning(m.state.value)));

  const byId = (id: string) => messages.value.find((m) => m.id === id);
  const chunks = createChunkCoalescer((replyId, text) => {
    const reply = byId(replyId);
    if (!reply || !isRunning(reply.state.value)) return;
    batch(() => {
      reply.text.value += text;
      reply.state.value = 'streaming';
    });
  }, options.nextFrame);

  function makeMessage(author: ChatMessage['author'], text: string, state: MessageState, prompt = ''): ChatMessage {
    return { id: newId(), author, text: signal(text), state: signal(state), usage: signal(undefined), error: signal(undefined), notice: signal(undefined), calls: signal([]), prompt };
  }

  /** Drops the oldest messages beyond the history limit, never the running reply. */
  function trimmed(list: ChatMessage[]): ChatMessage[] {
    const excess = list.length - historyLimit.value;
    return excess > 0 ? list.slice(excess) : list;
  }

  function send(rawText: string, { shareContext = false } = {}): boolean {
    const text = rawText.trim();
    if (!text || activeReply.value) return false;
    const question = makeMessage('user', text, 'done');
    const reply = makeMessage('assistant', '', 'pending', text);
    messages.value = trimmed([...messages.value, question, reply]);
    transport.post({ type: 'send', replyId: reply.id, text, ...(shareContext && { shareContext }) });
    return true;
  }

  function stop(): void {
    chunks.flush();
    const reply = activeReply.value;
    if (!reply) return;
    // Shown at once; events still in flight for this reply are ignored from here on.
    reply.state.value = 'stopped';
    transport.post({ type: 'stop', replyId: reply.id });
  }

  function retry(replyId: string): void {
    const reply = byId(replyId);
    if (!reply || reply.author !== 'assistant' || isRunning(reply.state.value) || activeReply.value) return;
    batch(() => {
      reply.text.value = '';
      reply.error.value = undefined;
      reply.notice.value = undefined;
      reply.usage.value = undefined;
      reply.calls.value = [];
      reply.state.value = 'pending';
    });
    transport.post({ type: 'retry', replyId, text: reply.prompt });
  }

  function receive(message: BackgroundMessage): void {
    if (message.type === 'endpoint') {
      endpoint.value = message.reachable ? { reachable: true } : { reachable: false, message: message.message ?? 'The endpoint cannot be reached.' };
      return;
    }
    if (message.type === 'chunk') return chunks.add(message.replyId, message.delta);
    // Chunks waiting for a frame come before whatever this message says.
    chunks.flush();
    const reply = byId(message.replyId);
    if (!reply || !isRunning(reply.state.value)) return;
    batch(() => {
      switch (message.type) {
        case 'call':
          reply.calls.value = upsert(reply.calls.value, message.call);
          break;
        case 'fallback':
          reply.notice.value = message.message;
          break;
        case 'done':
          // A finished reply proves the endpoint is up, whatever an earlier probe said.
          if (endpoint.value?.reachable === false) endpoint.value = { reachable: true };
          reply.usage.value = message.usage;
          if (message.notice) reply.notice.value = message.notice;
          reply.state.value = 'done';
          break;
        case 'error':
          fail(reply, message.message);
          break;
        case 'stopped':
          reply.state.value = 'stopped';
          break;
      }
    });
  }

  function fail(reply: ChatMessage, error: string): void {
    reply.error.value = error;
    reply.state.value = 'error';
  }

  /** The background went away mid-reply: keep what arrived and say so. */
  function connectionLost(): void {
    chunks.flush();
    const reply = activeReply.value;
    if (reply) fail(reply, 'Lost the connection to the Sidechat background — the text so far is kept; Retry to ask again.');
  }

  /**
   * Takes the last exchange back for editing: removes the last question and its reply and
   * returns the question's text. Nothing while a reply runs.
   */
  function editLast(): string | undefined {
    const list = messages.value;
    const index = list.findLastIndex((m) => m.author === 'user');
    if (index < 0 || activeReply.value) return undefined;
    messages.value = list.slice(0, index);
    return list[index].text.value;
  }

  /** The user's answer to a call asking to read the page; the prompt goes away at once. */
  function answerConsent(replyId: string, callId: string, decision: ConsentDecision): void {
    const reply = byId(replyId);
    const call = reply?.calls.value.find((c) => c.id === callId);
    if (!reply || call?.status !== 'asking') return;
    reply.calls.value = upsert(reply.calls.value, { ...call, status: 'running', ask: undefined });
    transport.post({ type: 'consent', replyId, callId, decision });
  }

  /** Starts over: an empty panel, and a new server session from the next message. Not while a reply runs. */
  function newChat(): boolean {
    if (activeReply.value) return false;
    messages.value = [];
    transport.post({ type: 'new-chat' });
    return true;
  }

  function setHistoryLimit(limit: number): void {
    historyLimit.value = limit;
    messages.value = trimmed(messages.value);
  }

  /** Asks the background whether the endpoint is up; the answer lands in `endpoint`. */
  function checkEndpoint(): void {
    transport.post({ type: 'probe' });
  }

  return { messages, activeReply, endpoint, send, stop, retry, editLast, newChat, receive, answerConsent, connectionLost, setHistoryLimit, checkEndpoint };
}

/** The list with `view` replacing the call of the same id, or added at the end. */
function upsert(calls: CallView[], view: CallView): CallView[] {
  return calls.some((c) => c.id === view.id) ? calls.map((c) => (c.id === view.id ? view : c)) : [...calls, view];
}
