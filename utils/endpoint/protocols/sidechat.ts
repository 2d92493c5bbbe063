/**
 * The Sidechat protocol (docs/protocol.md): the server keeps the session, names each streaming
 * request by its requestId, resumes a dropped stream after Last-Event-ID and takes a cancel.
 */
import * as v from 'valibot';
import { chatUrl, ErrorBodySchema, parseStreamEvent, RegularReplySchema, type ChatMode, type ChatRequest, type ParsedEvent } from '../../contract/sidechat-wire';
import type { PostSpec, WireEvent, WireProtocol } from '../wire-protocol';
import { withKey } from '../post';

export interface SidechatEndpoint {
  endpointUrl: string;
  projectId: string;
  apiKey: string;
  /** Sent with each new question when set (docs/protocol.md); a server may ignore it. */
  systemPrompt?: string;
}

/** Statuses that mean "this server has no streaming route", unless the body says otherwise. */
const NO_STREAM_STATUSES = new Set([404, 405, 415, 501]);

export function sidechatProtocol(endpoint: SidechatEndpoint): WireProtocol<ChatRequest> {
  const postTo = (url: string, body: unknown, headers: Record<string, string> = {}): PostSpec => ({ url, body, headers: withKey(endpoint.apiKey, headers) });
  return {
    firstRequest: ({ message, sessionId, functions, context }) => ({
      message,
      sessionId,
      ...(functions && { functions }),
      ...(context && { context }),
      ...(endpoint.systemPrompt && { systemPrompt: endpoint.systemPrompt }),
    }),
    continuation: (previous, round) => ({ requestId: crypto.randomUUID(), sessionId: round.sessionId ?? previous.sessionId, functions: round.functions, functionResults: round.results }),
    // Every streaming request carries a requestId: it is what a reconnect is found by.
    identify: (request) => (request.requestId ? request : { ...request, requestId: crypto.randomUUID() }),
    post(request, mode, lastEventId) {
      const headers: Record<string, string> = { Accept: mode === 'stream' ? 'text/event-stream' : 'application/json' };
      if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
      return postTo(chatUrl(endpoint.endpointUrl, endpoint.projectId, mode), request, headers);
    },
    cancelPost: (request) => (request.requestId ? postTo(`${chatUrl(endpoint.endpointUrl, endpoint.projectId, 'stream')}/cancel`, { requestId: request.requestId }) : undefined),
    streamDecoder: () => ({ message: (data, eventName) => fromStreamEvent(parseStreamEvent(data, eventName)), end: () => [] }),
    regularReply(json) {
      const reply = v.safeParse(RegularReplySchema, json);
      if (!reply.success) return { issue: v.summarize(reply.issues) };
      const { sessionId, content, functionCalls, usage } = reply.output;
      const events: WireEvent[] = [];
      if (sessionId) events.push({ type: 'session', sessionId });
      if (content) events.push({ type: 'text', text: content });
      for (const call of functionCalls) events.push({ type: 'function_call', call });
      events.push({ type: 'done', usage });
      return { events };
    },
    errorBody: readErrorBody,
    noStreamStatuses: NO_STREAM_STATUSES,
    advice: {},
    // A regular request has no requestId: the server could not tell a repeat from a new question.
    repeatable: (mode: ChatMode) => mode === 'stream',
    resumable: true,
  };
}

/** The protocol error body `{"error":{"message","code"}}`, if the text is one. */
function readErrorBody(text: string): { message: string; code?: string } | undefined {
  try {
    const parsed = v.safeParse(ErrorBodySchema, JSON.parse(text));
    return parsed.success ? parsed.output.error : undefined;
  } catch {
    return undefined;
  }
}

function fromStreamEvent(event: ParsedEvent): WireEvent[] {
  const session: WireEvent[] = 'sessionId' in event && event.sessionId ? [{ type: 'session', sessionId: event.sessionId }] : [];
  switch (event.type) {
    case 'content':
      return [...session, { type: 'text', text: event.data }];
    case 'done':
      return [...session, { type: 'done', usage: event.usage }];
    case 'error':
      return [...session, { type: 'error', message: event.message, code: event.code }];
    case 'function_call':
      return [...session, { type: 'function_call', call: { id: event.id, name: event.name, arguments: event.arguments } }];
    default:
      return [event];
  }
}
