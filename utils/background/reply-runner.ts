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
import type { CallView, MessageSnapshot } from '../contract/port-messages';
import type { ReplyEvent } from '../contract/reply-reducer';
import { exchangesWithin } from './history-budget';
import type { PageTools } from './page-tools';
import type { ChatMode } from '../contract/sidechat-wire';
import { cancelReply } from '../endpoint/cancel';
import { endpointKey, loggingFrom, type Settings } from '../settings';

/** The server session a reply continues, kept with its conversation. */
export interface ServerSessionSlot {
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
  session: ServerSessionSlot;
  /** Continue a reply a terminated worker was streaming, instead of asking anew. */
  resume?: StreamPosition;
  /** The conversation's messages before this reply, oldest first: what a server that keeps no session is sent. */
  earlier?: () => Promise<MessageSnapshot[]>;
}

export interface ReplyDeps {
  loadSettings(): Promise<Settings>;
  fetch?: typeof fetch;
  /** The page functions offered to the endpoint; without them a reply offers none. */
  pageTools?: PageTools;
}

export interface ReplyEvents {
  emit(message: ReplyEvent): void;
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

/** What a reply's turn told the runner, beyond what it emitted: kept once the reply ends. */
interface TurnOutcome {
  done?: ReplyEvent;
  sessionId?: string;
  fellBack: boolean;
}

async function run(reply: ReplyRequest, deps: ReplyDeps, { emit, onPosition }: ReplyEvents, signal: AbortSignal): Promise<void> {
  const { windowId, replyId } = reply;
  let finalMessage: ReplyEvent;
  const outcome: TurnOutcome = { fellBack: false };
  let key: string | undefined;
  let protocol: EndpointProtocol | undefined;
  let streamed: StreamPosition | undefined;
  try {
    const settings = await deps.loadSettings();
    configureLogging(loggingFrom(settings));
    key = endpointKey(settings);
    const wire = (protocol = protocolFor(settings.endpoint));
    // Only a server that resumes replies is worth a checkpoint: another worker would otherwise ask again.
    const moveTo = (at: StreamPosition) => {
      streamed = at;
      if (wire.resumable) onPosition(at);
    };
    if (reply.resume && !wire.resumable) throw new TurnError(t('replyInterrupted'), 'interrupted');
    const tools = deps.pageTools;
    const report = (call: CallView) => emit({ type: 'call', replyId, call });
    const position: StreamPosition = reply.resume ?? {
      mode: settings.streaming && !(await hasFallenBack(key)) ? 'stream' : 'regular',
      request: await firstRequest(reply, { key, settings, protocol: wire, deps, report }),
    };
    const onEvent = turnListener(replyId, position, { emit, moveTo }, outcome);
    moveTo(position);
    await runTurnWithFunctions(
      { protocol: wire, request: position.request, mode: position.mode, lastEventId: position.lastEventId, timeouts: timeoutsFromSettings(settings), signal, onEvent, fetch: deps.fetch },
      tools?.runner(windowId, report),
    );
    finalMessage = outcome.done ?? { type: 'error', replyId, message: t('replyEndedUnfinished') };
  } catch (error) {
    finalMessage = signal.aborted ? { type: 'stopped', replyId } : errorMessage(replyId, error);
    if (signal.aborted && protocol && streamed?.mode === 'stream') void cancelReply(protocol, streamed.request, deps.fetch);
  }
  // Saved before the reply is reported finished, so the next turn already sees them.
  if (key && outcome.sessionId) await reply.session.set(key, outcome.sessionId);
  if (key && outcome.fellBack) await rememberFallback(key);
  emit(finalMessage);
}

/** Turns the turn's events into messages about the reply, and moves its stream position on. */
function turnListener(replyId: string, start: StreamPosition, { emit, moveTo }: { emit: ReplyEvents['emit']; moveTo: (at: StreamPosition) => void }, outcome: TurnOutcome) {
  let position = start;
  return (event: TurnEvent) => {
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
      case 'reasoning':
        return emit({ type: 'reasoning', replyId, delta: event.text });
      case 'session':
        outcome.sessionId = event.sessionId;
        return;
      case 'fallback':
        outcome.fellBack = true;
        position = { ...position, mode: 'regular' };
        moveTo(position);
        return emit({ type: 'fallback', replyId, message: `${event.reason} ${t('fallbackUntilSettingsChange')}` });
      case 'reconnecting':
        return emit({ type: 'reconnecting', replyId, attempt: event.attempt, attempts: event.attempts, delayMs: event.delayMs });
      case 'reconnected':
        return emit({ type: 'reconnected', replyId });
      case 'function_call':
        return debugLog('reply', `function call "${event.call.name}" ignored: this session offers no functions`);
      case 'done':
        outcome.done = { type: 'done', replyId, usage: event.usage, notice: event.notice };
    }
  };
}

interface AskContext {
  key: string;
  settings: Settings;
  protocol: EndpointProtocol;
  deps: ReplyDeps;
  report: (call: CallView) => void;
}

/**
 * The new question's request: the server session it continues, or the conversation so far within
 * the context budget; the page's context attached when "Share this page" was on.
 */
async function firstRequest(reply: ReplyRequest, { key, settings, protocol, deps, report }: AskContext): Promise<unknown> {
  const sessionId = await reply.session.get(key);
  const tools = deps.pageTools;
  const context = reply.shareContext && tools ? await tools.shareContext(reply.windowId, report) : undefined;
  const earlier = protocol.resumable || !reply.earlier ? [] : await reply.earlier();
  const history = exchangesWithin(earlier, settings.contextBudgetTokens, [settings.endpoint.systemPrompt, reply.text, context ? JSON.stringify(context) : '']);
  const ask = { message: reply.text, sessionId, history, ...(tools && { functions: tools.declarations }), ...(context && { context }) };
  return protocol.identify(protocol.firstRequest(ask));
}

function errorMessage(replyId: string, error: unknown): ReplyEvent {
  const turnError = error instanceof TurnError ? error : new TurnError(t('replyUnexpectedError', String((error as Error)?.message ?? error)));
  debugLog('reply', 'failed', turnError);
  return { type: 'error', replyId, message: redact(turnError.message), code: turnError.code };
}
