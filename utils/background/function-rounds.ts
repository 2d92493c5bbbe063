/**
 * The call → run → continue loop around one turn. When the reply (streamed or regular) asks for
 * functions, they run, and a follow-up request (the protocol's continuation: the results, with
 * the sessionId or the conversation so far) continues the same assistant turn; its text streams
 * into the same message. The loop is bounded, so a model that keeps calling can't hold a reply
 * forever. Each request is identified by the protocol (its requestId, where it has one) and
 * announced with a `round` event before it is sent, so the caller can checkpoint it.
 */
import { runTurn, type TurnEvent, type TurnOptions } from '../endpoint/turn';
import { t } from '../i18n';
import type { FunctionCall, FunctionDeclaration, FunctionResult, Usage } from '../contract/sidechat-wire';

export interface FunctionRunner {
  declarations: FunctionDeclaration[];
  run(call: FunctionCall, signal: AbortSignal): Promise<FunctionResult>;
}

export const MAX_CALL_ROUNDS = 5;

/** Without a runner, function calls pass through to `onEvent` as before (and are ignored there). */
export async function runTurnWithFunctions<Req>(options: TurnOptions<Req>, runner: FunctionRunner | undefined): Promise<void> {
  const { protocol } = options;
  let request = protocol.identify(options.request);
  if (!runner) {
    options.onEvent({ type: 'round', request });
    return runTurn({ ...options, request });
  }
  let { mode } = options;
  let sessionId: string | undefined;
  let usage: Usage | undefined;
  for (let round = 1; ; round++) {
    const calls: FunctionCall[] = [];
    let text = '';
    let done: Extract<TurnEvent, { type: 'done' }> | undefined;
    options.onEvent({ type: 'round', request });
    await runTurn({
      ...options,
      request,
      mode,
      // Only the request another worker was reading can be resumed; continuations start fresh.
      lastEventId: round === 1 ? options.lastEventId : undefined,
      onEvent(event) {
        if (event.type === 'function_call') return void calls.push(event.call);
        if (event.type === 'done') return void (done = event);
        if (event.type === 'session') sessionId = event.sessionId;
        if (event.type === 'delta') text += event.text;
        // A continuation goes where the turn went: an endpoint that fell back can't stream it either.
        if (event.type === 'fallback') mode = 'regular';
        options.onEvent(event);
      },
    });
    if (!done) return;
    usage = addUsage(usage, done.usage);
    if (calls.length === 0) return options.onEvent({ ...done, usage });
    if (round === MAX_CALL_ROUNDS) {
      return options.onEvent({ ...done, usage, notice: t('callRoundsNotice', MAX_CALL_ROUNDS) });
    }
    const functionResults: FunctionResult[] = [];
    for (const call of calls) {
      if (options.signal.aborted) throw new DOMException('The reply was stopped', 'AbortError');
      functionResults.push(await runner.run(call, options.signal));
    }
    if (options.signal.aborted) throw new DOMException('The reply was stopped', 'AbortError');
    request = protocol.identify(protocol.continuation(request, { calls, results: functionResults, text, sessionId, functions: runner.declarations }));
  }
}

/** Each request of a turn reports its own usage; the turn's is their sum. */
function addUsage(total: Usage | undefined, more: Usage | undefined): Usage | undefined {
  if (!total || !more) return total ?? more;
  const sum = (a?: number, b?: number) => (a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0));
  const cost = sum(total.cost, more.cost);
  return {
    promptTokens: sum(total.promptTokens, more.promptTokens),
    completionTokens: sum(total.completionTokens, more.completionTokens),
    totalTokens: sum(total.totalTokens, more.totalTokens),
    cost: cost === undefined ? undefined : Math.round(cost * 1e6) / 1e6,
    model: more.model ?? total.model,
  };
}
