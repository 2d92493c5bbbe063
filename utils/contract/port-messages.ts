/**
 * The side panel ⇄ background contract over a runtime port. Both ends validate what they
 * receive with these schemas; anything else is dropped.
 */
import * as v from 'valibot';
import { UsageSchema } from './sidechat-wire';

/** Ports are named `sidechat-panel:{windowId}`: one conversation per browser window. */
export const PANEL_PORT_PREFIX = 'sidechat-panel:';

export function panelPortName(windowId: number): string {
  return `${PANEL_PORT_PREFIX}${windowId}`;
}

export function windowIdOfPort(name: string): number | undefined {
  if (!name.startsWith(PANEL_PORT_PREFIX)) return undefined;
  const id = Number(name.slice(PANEL_PORT_PREFIX.length));
  return Number.isInteger(id) ? id : undefined;
}

/** The user's answer when a function call asks to read the page. */
const ConsentDecisionSchema = v.picklist(['once', 'always', 'decline']);
export type ConsentDecision = v.InferOutput<typeof ConsentDecisionSchema>;

const replyId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const messageId = replyId;
const conversationId = v.pipe(v.string(), v.minLength(1), v.maxLength(100));
const text = v.pipe(v.string(), v.minLength(1), v.maxLength(100_000));
/** "Share this page": attach the page's url, title and selection to this message. */
const shareContext = v.optional(v.boolean());

export const PanelMessageSchema = v.variant('type', [
  /** Shows a conversation: the given one, or the window's current one. Answered with `conversation`. */
  v.object({ type: v.literal('open'), conversationId: v.optional(conversationId) }),
  /**
   * `messageId` names the user's message, `replyId` the reply the panel already shows as pending.
   * The resend rule: a panel that cannot tell whether its send arrived (the port dropped, and the
   * conversation it is then sent lacks the reply) sends it again with the same ids; the background
   * takes a send whose reply it already has only once.
   */
  v.object({ type: v.literal('send'), messageId, replyId, text, shareContext }),
  /** Asks again for a reply that failed; the panel replaces that reply. */
  v.object({ type: v.literal('retry'), replyId, text }),
  v.object({ type: v.literal('stop'), replyId }),
  /** Is the endpoint up? Answered with an `endpoint` message. */
  v.object({ type: v.literal('probe') }),
  /** An empty conversation; the next message starts it (and a new server session). */
  v.object({ type: v.literal('new-chat') }),
  /** The page of messages before `beforeSeq`, for a panel scrolled to its top. Answered with `older`. */
  v.object({ type: v.literal('older'), conversationId, beforeSeq: v.pipe(v.number(), v.integer()) }),
  /** The user took their last message back to edit it: forget it and what follows. */
  v.object({ type: v.literal('forget-from'), conversationId, messageId }),
  /** The saved conversations, answered with `conversations`. */
  v.object({ type: v.literal('list') }),
  v.object({ type: v.literal('delete-conversation'), conversationId }),
  v.object({ type: v.literal('clear-history') }),
  /** The conversations whose title or messages have every word of `query`; answered with `search-results`. */
  v.object({ type: v.literal('search'), query: v.pipe(v.string(), v.maxLength(200)) }),
  /** Pins to (or unpins from) the top of the list. */
  v.object({ type: v.literal('pin'), conversationId, pinned: v.boolean() }),
  /** The user's name for a conversation; from then on its title is not generated. */
  v.object({ type: v.literal('rename'), conversationId, title: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)) }),
  /** Which page Share and the page functions would use now; answered with `page`. */
  v.object({ type: v.literal('which-page') }),
  /** The whole conversation as Markdown, answered with `conversation-export`. */
  v.object({ type: v.literal('export-conversation'), conversationId }),
  /** The user's answer to a call's request to share the page. */
  v.object({ type: v.literal('consent'), replyId, callId: v.pipe(v.string(), v.maxLength(200)), decision: ConsentDecisionSchema }),
]);
export type PanelMessage = v.InferOutput<typeof PanelMessageSchema>;

/** A function call as the panel shows it; each `call` message replaces the call's previous view. */
export const CallViewSchema = v.object({
  id: v.pipe(v.string(), v.maxLength(200)),
  name: v.string(),
  status: v.picklist(['asking', 'running', 'done', 'failed', 'declined']),
  /** One line: "Reading this page…", "Read “Title”", "Not shared — you declined". */
  label: v.string(),
  /** Why it failed, in words. */
  note: v.optional(v.string()),
  /** What left the browser, shown on demand. */
  shared: v.optional(v.string()),
  /** While asking: what would be shared, and from which page. */
  ask: v.optional(v.object({ site: v.string(), pageTitle: v.string(), what: v.string() })),
});
export type CallView = v.InferOutput<typeof CallViewSchema>;

const messageState = v.picklist(['pending', 'streaming', 'done', 'stopped', 'error']);
export type MessageState = v.InferOutput<typeof messageState>;

/** A reply not yet ended: asked, or arriving. */
export const isRunning = (state: MessageState): boolean => state === 'pending' || state === 'streaming';

/** One message as saved, and as a panel that (re)opens a conversation receives it. */
export const MessageSnapshotSchema = v.object({
  id: messageId,
  /** Order within the conversation. */
  seq: v.number(),
  author: v.picklist(['user', 'assistant']),
  text: v.string(),
  /** A reasoning model's thinking, apart from the answer `text`. */
  reasoning: v.optional(v.string()),
  state: messageState,
  /** For a reply: the question it answers, asked again by Retry. */
  prompt: v.optional(v.string()),
  usage: v.optional(UsageSchema),
  error: v.optional(v.string()),
  notice: v.optional(v.string()),
  calls: v.optional(v.array(CallViewSchema)),
});
export type MessageSnapshot = v.InferOutput<typeof MessageSnapshotSchema>;

/** Which try at re-establishing the endpoint connection a reply is waiting for. */
const ReconnectingSchema = v.object({ attempt: v.number(), attempts: v.number() });
export type Reconnecting = v.InferOutput<typeof ReconnectingSchema>;

/**
 * One message as a panel is shown it: as saved, and for a running reply what only lasts while
 * it runs (reconnecting), which is never saved.
 */
export const MessageViewSchema = v.object({ ...MessageSnapshotSchema.entries, reconnecting: v.optional(ReconnectingSchema) });
export type MessageView = v.InferOutput<typeof MessageViewSchema>;

export const ConversationItemSchema = v.object({
  id: conversationId,
  title: v.string(),
  createdAt: v.number(),
  updatedAt: v.number(),
  messageCount: v.number(),
  pinned: v.optional(v.boolean()),
});
export type ConversationItem = v.InferOutput<typeof ConversationItemSchema>;

/** [start, end) of each word to highlight. */
const MarksSchema = v.array(v.tuple([v.number(), v.number()]));

/** A conversation found by a search: where its title matches, and a passage of the message that matches best. */
export const SearchItemSchema = v.object({
  ...ConversationItemSchema.entries,
  titleMarks: MarksSchema,
  snippet: v.optional(v.object({ text: v.string(), marks: MarksSchema })),
});
export type SearchItem = v.InferOutput<typeof SearchItemSchema>;

/** Whether anything answers at the endpoint: probed by the background, shown by the panel. */
export type EndpointStatus = { reachable: true } | { reachable: false; message: string };

export const BackgroundMessageSchema = v.variant('type', [
  /**
   * The conversation the panel shows, newest messages last, up to the history limit; a running
   * reply as far as it got. Sent on `open`, on `new-chat`, and to every panel of the window
   * when its conversation changes.
   */
  v.object({ type: v.literal('conversation'), conversationId: v.optional(conversationId), messages: v.array(MessageViewSchema), hasOlder: v.boolean() }),
  v.object({ type: v.literal('older'), conversationId, messages: v.array(MessageViewSchema), hasOlder: v.boolean() }),
  v.object({ type: v.literal('conversations'), items: v.array(ConversationItemSchema) }),
  /** The answer to `search`, for that query: the panel shows the one for what the box says now. */
  v.object({ type: v.literal('search-results'), query: v.string(), items: v.array(SearchItemSchema), total: v.number() }),
  /**
   * The page Share and the page functions use: its title (absent when the browser hides it), and
   * whether the user has since switched to another tab, which is not shared until they click
   * Sidechat's toolbar button on it. `problem`: there is no page to use, in words.
   */
  v.object({ type: v.literal('page'), title: v.optional(v.string()), otherTab: v.boolean(), problem: v.optional(v.string()) }),
  /** The answer to `export-conversation`: the panel saves it as a file. */
  v.object({ type: v.literal('conversation-export'), conversationId, fileName: v.string(), markdown: v.string() }),
  /** The connection to the endpoint dropped mid-reply; trying again in `delayMs`. */
  v.object({ type: v.literal('reconnecting'), replyId, attempt: v.number(), attempts: v.number(), delayMs: v.number() }),
  v.object({ type: v.literal('reconnected'), replyId }),
  /** Saving the history failed: what is on screen stays, but may not be there next time. */
  v.object({ type: v.literal('storage-error'), message: v.string() }),
  v.object({ type: v.literal('call'), replyId, call: CallViewSchema }),
  v.object({ type: v.literal('chunk'), replyId, delta: v.string() }),
  /** More of a reasoning model's thinking: shown apart from the answer, never sent back to the model. */
  v.object({ type: v.literal('reasoning'), replyId, delta: v.string() }),
  v.object({ type: v.literal('fallback'), replyId, message: v.string() }),
  v.object({ type: v.literal('done'), replyId, usage: v.optional(UsageSchema), notice: v.optional(v.string()) }),
  v.object({ type: v.literal('error'), replyId, message: v.string(), code: v.optional(v.string()) }),
  v.object({ type: v.literal('stopped'), replyId }),
  v.object({ type: v.literal('endpoint'), reachable: v.boolean(), message: v.optional(v.string()) }),
]);
export type BackgroundMessage = v.InferOutput<typeof BackgroundMessageSchema>;

/** A panel as the background speaks to it: where the messages for that panel go. */
export type PanelListener = (message: BackgroundMessage) => void;

export function parsePanelMessage(value: unknown): PanelMessage | undefined {
  const result = v.safeParse(PanelMessageSchema, value);
  return result.success ? result.output : undefined;
}

export function parseBackgroundMessage(value: unknown): BackgroundMessage | undefined {
  const result = v.safeParse(BackgroundMessageSchema, value);
  return result.success ? result.output : undefined;
}

/** How the panel's model talks to the background: the port client (it re-opens a dropped port), or a fake in tests. */
export interface PanelTransport {
  post(message: PanelMessage): void;
}

/** The part of `runtime.Port` both ends use; unit tests pass a fake with this shape. */
export interface PortLike {
  name: string;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}
