/**
 * One assistant reply in the background: settings, mode, the turn, session bookkeeping. It is
 * an object of its own, not tied to a port: whoever started it decides when to abort it.
 */
import { timeoutsFromSettings, type TurnEvent } from '../endpoint/turn';
import { protocolFor, type EndpointProtocol } from '../endpoint/protocols';
import { runTurnWithFunctions } from './function-rounds';
import { hasFallenBack, rememberFallback } from './fallback-memory';
import { TurnError } from '../endpoint/http-errors';
import { t } from '../i18n';
import { configureLogging, debugLog, redact } from '../log';
import type { BackgroundMessage, CallView } from '../contract/port-messages';
import type { PageTools } from './page-tools';
import type { ChatMode } from '../contract/sidechat-wire';
import { cancelReply } from '../endpoint/cancel';
import { endpointKey, type Settings } from '../settings';

/** The server session a reply continues, kept with its conversation. */
export interface SessionSlot {
  get(endpointKey: string): Promise<string | undefined>;
  set(endpointKey: string, sessionId: string): Promise<void>;
}

/** Where a stream stands: enough for another worker to pick the reply up (reply-checkpoints.ts). */
export interface StreamPosition {
  /** The request being streamed, in its protocol's form (JSON, so it can be checkpointed). */
  request: unknown;
  mode: ChatMode;
  /** The SSE id of the last event received, once there is one. */
  lastEventId?: string;
}

export interface ReplyRequest {
  windowId: number;
  replyId: string;
  text: string;
  /** "Share this page" was on: attach the page's context to the request. */
  shareContext?: boolean;
  session: SessionSlot;
  /** Continue a reply a terminated worker was streaming, instead of asking anew. */
  resume?: StreamPosition;
}

export interface ReplyDeps {
  loadSettings(): Promise<Settings>;
  fetch?: typeof fetch;
  /** The page functions offered to the endpoint; without them a reply offers none. */
  pageTools?: PageTools;
}

export interface ReplyEvents {
  emit(message: BackgroundMessage): void;
  /** Called when the stream moves: a new request, or an event with an id. */
  onPosition(position: StreamPosition): void;
}

export interface RunningReply {
  readonly replyId: string;
  abort(): void;
  /** Settles after the final message (done, error or stopped) was emitted. */
  readonly finished: Promise<void>;
}

export function startReply(request: ReplyRequest, deps: ReplyDeps, events: ReplyEvents): RunningReply {
  const controller = new AbortController();
  const finished = run(request, deps, events, controller.signal);
  return { replyId: request.replyId, abort: () => controller.abort(), finished };
}

async function run(reply: ReplyRequest, deps: ReplyDeps, { emit, onPosition }: ReplyEvents, signal: AbortSignal): Promise<void> {
  const { windowId, replyId } = reply;
  let finalMessage: BackgroundMessage;
  let newSessionId: string | undefined;
  let fellBack = false;
  let key: string | undefined;
  let settings: Settings | undefined;
  let protocol: EndpointProtocol | undefined;
  let streamed: StreamPosition | undefined;
  const moveTo = (at: StreamPosition) => {
    streamed = at;
    onPosition(at);
  };
  try {
    settings = await deps.loadSettings();
    configureLogging(settings);
    key = endpointKey(settings);
    protocol = protocolFor(settings);
    const tools = deps.pageTools;
    const report = (call: CallView) => emit({ type: 'call', replyId, call });
    let position: StreamPosition = reply.resume ?? {
      mode: settings.streaming && !(await hasFallenBack(key)) ? 'stream' : 'regular',
      request: await firstRequest(reply, key, protocol, deps, report),
    };
    let done: BackgroundMessage | undefined;
    const onEvent = (event: TurnEvent) => {
      if ((event.type === 'delta' || event.type === 'function_call') && event.eventId !== undefined) {
        position = { ...position, lastEventId: event.eventId };
        moveTo(position);
      }
      switch (event.type) {
        case 'round':
          // The first round announces the request already in hand (resumed: after its last event id).
          if (event.request === position.request) return;
          position = { mode: position.mode, request: event.request };
          return moveTo(position);
        case 'delta':
          return emit({ type: 'chunk', replyId, delta: event.text });
        case 'session':
          newSessionId = event.sessionId;
          return;
        case 'fallback':
          fellBack = true;
          position = { ...position, mode: 'regular' };
          moveTo(position);
          return emit({ type: 'fallback', replyId, message: `${event.reason} ${t('fallbackUntilSettingsChange')}` });
        case 'reconnecting':
          return emit({ type: 'reconnecting', replyId, attempt: event.attempt, attempts: event.attempts, delayMs: event.delayMs });
        case 'reconnected':
          return emit({ type: 'reconnected', replyId });
        case 'function_call':
          return debugLog('reply', `function call "${event.call.name}" ignored: this session offers no functions`);
        case 'reasoning':
          return;
        case 'done':
          done = { type: 'done', replyId, usage: event.usage, notice: event.notice };
      }
    };
    const timeouts = timeoutsFromSettings(settings);
    moveTo(position);
    await runTurnWithFunctions(
      { protocol, request: position.request, mode: position.mode, lastEventId: position.lastEventId, timeouts, signal, onEvent, fetch: deps.fetch },
      tools?.runner(windowId, report),
    );
    finalMessage = done ?? { type: 'error', replyId, message: t('replyEndedUnfinished') };
  } catch (error) {
    finalMessage = signal.aborted ? { type: 'stopped', replyId } : errorMessage(replyId, error);
    if (signal.aborted && protocol && streamed?.mode === 'stream') void cancelReply(protocol, streamed.request, deps.fetch);
  }
  // Saved before the reply is reported finished, so the next turn already sees them.
  if (key && newSessionId) await reply.session.set(key, newSessionId);
  if (key && fellBack) await rememberFallback(key);
  emit(finalMessage);
}

/** The new question's request, the page's context attached when "Share this page" was on. */
async function firstRequest(reply: ReplyRequest, key: string, protocol: EndpointProtocol, deps: ReplyDeps, report: (call: CallView) => void): Promise<unknown> {
  const sessionId = await reply.session.get(key);
  const tools = deps.pageTools;
  const context = reply.shareContext && tools ? await tools.shareContext(reply.windowId, report) : undefined;
  const ask = { message: reply.text, sessionId, history: [], ...(tools && { functions: tools.declarations }), ...(context && { context }) };
  return protocol.identify(protocol.firstRequest(ask));
}

function errorMessage(replyId: string, error: unknown): BackgroundMessage {
  const turnError = error instanceof TurnError ? error : new TurnError(t('replyUnexpectedError', String((error as Error)?.message ?? error)));
  debugLog('reply', 'failed', turnError);
  return { type: 'error', replyId, message: redact(turnError.message), code: turnError.code };
}
