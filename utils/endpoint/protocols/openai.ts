/**
 * OpenAI-compatible chat completions (`POST {base}/chat/completions`), straight from the
 * extension. The server keeps no session: each request carries the conversation (system prompt,
 * the history within budget, the question). It has no request ids and no resume, so a request
 * that may already be generating is never sent again, and a dropped stream ends the reply.
 */
import { completionEvents, createChunkMapper, questionWithContext, readCompletionError, toolCallMessage, toolResultMessage, toolsFrom, type CompletionMessage, type CompletionRequest } from '../../contract/openai-wire';
import type { EndpointConfig } from '../../settings';
import type { TurnAsk, WireProtocol } from '../wire-protocol';
import { withKey } from '../post';

/** `{base}/chat/completions`; the base is up to the API version, e.g. `http://127.0.0.1:11434/v1`. */
export const completionsUrl = (base: string) => `${base.replace(/\/+$/, '')}/chat/completions`;

export function openAiProtocol(endpoint: Pick<EndpointConfig, 'url' | 'apiKey' | 'model' | 'systemPrompt'>): WireProtocol<CompletionRequest> {
  return {
    firstRequest: (ask) => ({
      model: endpoint.model,
      messages: conversation(endpoint.systemPrompt, ask),
      ...(ask.functions?.length && { tools: toolsFrom(ask.functions) }),
      stream_options: { include_usage: true },
    }),
    continuation: (previous, round) => ({
      ...previous,
      messages: [...previous.messages, toolCallMessage(round.text, round.calls), ...round.results.map(toolResultMessage)],
    }),
    identify: (request) => request,
    post(request, mode) {
      const { stream_options: _, ...rest } = request;
      // A stream keeps stream_options (JSON drops it once the retry without it has cleared it); regular mode has none.
      const body = mode === 'stream' ? { ...request, stream: true } : { ...rest, stream: false };
      const headers = withKey(endpoint.apiKey, { Accept: mode === 'stream' ? 'text/event-stream' : 'application/json' });
      return { url: completionsUrl(endpoint.url), headers, body, unreachableHint: 'unreachableModelServer' };
    },
    cancelPost: () => undefined,
    streamDecoder: createChunkMapper,
    regularReply: completionEvents,
    errorBody(text) {
      try {
        return readCompletionError(JSON.parse(text));
      } catch {
        return undefined;
      }
    },
    // One URL for both modes: a 404 is a wrong base URL or an unknown model, never "no streaming here".
    noStreamStatuses: new Set(),
    advice: { 400: 'adviceOpenAiBadRequest', 403: 'adviceOpenAiForbidden', 404: 'adviceOpenAiNotFound' },
    repeatable: () => false,
    resumable: false,
    withoutRefusedPart(request, status, message) {
      if (status !== 400) return undefined;
      if (request.stream_options && /stream_options/i.test(message)) return { ...request, stream_options: undefined };
      if (request.tools && /\btools?\b/i.test(message)) return { ...request, tools: undefined };
      return undefined;
    },
  };
}

/** The system prompt, the earlier exchanges, then the question (with the page, when shared). */
function conversation(systemPrompt: string, ask: TurnAsk): CompletionMessage[] {
  return [
    ...(systemPrompt ? [{ role: 'system' as const, content: systemPrompt }] : []),
    ...ask.history.flatMap((exchange): CompletionMessage[] => [
      { role: 'user', content: exchange.question },
      { role: 'assistant', content: exchange.answer },
    ]),
    { role: 'user', content: questionWithContext(ask.message, ask.context) },
  ];
}
