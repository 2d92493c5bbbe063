/**
 * One assistant reply in the background: settings, mode, the turn, session bookkeeping. It is
 * an object of its own, not tied to a port: whoever started it decides when to abort it.
 */
import { timeoutsFromSettings, type TurnEvent } from './chat-request';
import { runTurnWithFunctions } from './function-calls';
import { getSessionId, hasFallenBack, rememberFallback, setSessionId } from './conversation-state';
import { TurnError } from './http-errors';
import { configureLogging, debugLog, redact } from './log';
import type { BackgroundMessage, CallView } from './port-messages';
import type { PageTools } from './page-tools';
import { endpointKey, type Settings } from './settings';

export interface ReplyRequest {
  windowId: number;
  replyId: string;
  text: string;
  /** "Share this page" was on: attach the page's context to the request. */
  shareContext?: boolean;
}

export interface ReplyDeps {
  loadSettings(): Promise<Settings>;
  fetch?: typeof fetch;
  /** The page functions offered to the endpoint; without them a reply offers none. */
  pageTools?: PageTools;
}

export interface RunningReply {
  readonly replyId: string;
  abort(): void;
}

export function startReply(request: ReplyRequest, deps: ReplyDeps, emit: (message: BackgroundMessage) => void): RunningReply {
  const controller = new AbortController();
  void run(request, deps, emit, controller.signal);
  return { replyId: request.replyId, abort: () => controller.abort() };
}

async function run({ windowId, replyId, text, shareContext }: ReplyRequest, deps: ReplyDeps, emit: (m: BackgroundMessage) => void, signal: AbortSignal): Promise<void> {
  let finalMessage: BackgroundMessage;
  let newSessionId: string | undefined;
  let fellBack = false;
  let key: string | undefined;
  try {
    const settings = await deps.loadSettings();
    configureLogging(settings);
    key = endpointKey(settings);
    const sessionId = await getSessionId(windowId, key);
    const mode = settings.streaming && !(await hasFallenBack(key)) ? 'stream' : 'regular';
    let done: BackgroundMessage | undefined;
    const onEvent = (event: TurnEvent) => {
      switch (event.type) {
        case 'delta':
          return emit({ type: 'chunk', replyId, delta: event.text });
        case 'session':
          newSessionId = event.sessionId;
          return;
        case 'fallback':
          fellBack = true;
          return emit({ type: 'fallback', replyId, message: `${event.reason} Using regular mode until the settings change.` });
        case 'function_call':
          return debugLog('reply', `function call "${event.call.name}" ignored: this session offers no functions`);
        case 'done':
          done = { type: 'done', replyId, usage: event.usage, notice: event.notice };
      }
    };
    const tools = deps.pageTools;
    const report = (call: CallView) => emit({ type: 'call', replyId, call });
    const context = shareContext && tools ? await tools.shareContext(windowId, report) : undefined;
    const request = { message: text, sessionId, ...(tools && { functions: tools.declarations }), ...(context && { context }) };
    await runTurnWithFunctions({ settings, request, mode, signal, onEvent, fetch: deps.fetch, timeouts: timeoutsFromSettings(settings) }, tools?.runner(windowId, report));
    finalMessage = done ?? { type: 'error', replyId, message: 'The reply ended without finishing — Retry to ask again.' };
  } catch (error) {
    finalMessage = signal.aborted ? { type: 'stopped', replyId } : errorMessage(replyId, error);
  }
  // Saved before the reply is reported finished, so the next turn already sees them.
  if (key && newSessionId) await setSessionId(windowId, key, newSessionId);
  if (key && fellBack) await rememberFallback(key);
  emit(finalMessage);
}

function errorMessage(replyId: string, error: unknown): BackgroundMessage {
  const turnError = error instanceof TurnError ? error : new TurnError(`Unexpected error: ${(error as Error)?.message ?? error}`);
  debugLog('reply', 'failed', turnError);
  return { type: 'error', replyId, message: redact(turnError.message), code: turnError.code };
}
