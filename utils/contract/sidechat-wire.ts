/**
 * The wire protocol between Sidechat and an endpoint (docs/protocol.md), as schemas and the
 * types derived from them. The client and the reference server both import it, so the two
 * cannot drift apart.
 */
import * as v from 'valibot';

export const API_PREFIX = '/api/v1/ai/projects';

export type ChatMode = 'stream' | 'regular';

/** `{base}/api/v1/ai/projects/{projectId}/chat[/stream]`; the base may carry a path prefix. */
export function chatUrl(endpointUrl: string, projectId: string, mode: ChatMode): string {
  const base = endpointUrl.replace(/\/+$/, '');
  const path = `${API_PREFIX}/${encodeURIComponent(projectId)}/chat`;
  return mode === 'stream' ? `${base}${path}/stream` : `${base}${path}`;
}

export const UsageSchema = v.object({
  promptTokens: v.optional(v.number()),
  completionTokens: v.optional(v.number()),
  totalTokens: v.optional(v.number()),
  cost: v.optional(v.number()),
  /** The model that answered, when the server names it. */
  model: v.optional(v.string()),
});
export type Usage = v.InferOutput<typeof UsageSchema>;

const FunctionCallSchema = v.object({
  id: v.string(),
  name: v.string(),
  arguments: v.optional(v.record(v.string(), v.unknown()), {}),
});
export type FunctionCall = v.InferOutput<typeof FunctionCallSchema>;

/** A function the client offers: `parameters` is a JSON Schema of its arguments object. */
export const FunctionDeclarationSchema = v.object({
  name: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'a function name is 1-64 letters, digits, _ or -')),
  description: v.string(),
  parameters: v.record(v.string(), v.unknown()),
});
export type FunctionDeclaration = v.InferOutput<typeof FunctionDeclarationSchema>;

/** The outcome of one function call: `result` when it ran, `error` (for the model to read) when not. */
export const FunctionResultSchema = v.union([
  v.object({ id: v.string(), name: v.string(), result: v.unknown() }),
  v.object({ id: v.string(), name: v.string(), error: v.string() }),
]);
export type FunctionResult = v.InferOutput<typeof FunctionResultSchema>;

/** What "Share this page" attaches to a message: light, and only when the user asked for it. */
export const PageContextSchema = v.object({
  url: v.string(),
  title: v.string(),
  selection: v.optional(v.string()),
});
export type PageContext = v.InferOutput<typeof PageContextSchema>;

const RequestIdSchema = v.pipe(v.string(), v.minLength(1), v.maxLength(100));

/**
 * A new turn carries `message`; the continuation of a turn whose reply asked for functions carries
 * `functionResults` instead (with the sessionId of that reply).
 */
export const ChatRequestSchema = v.pipe(
  v.object({
    /**
     * Names one request for resuming (docs/protocol.md): a reconnect re-sends the same body with
     * Last-Event-ID, and the server replays its events after that id.
     */
    requestId: v.optional(RequestIdSchema),
    message: v.optional(v.pipe(v.string(), v.minLength(1))),
    sessionId: v.optional(v.string()),
    functions: v.optional(v.array(FunctionDeclarationSchema)),
    functionResults: v.optional(v.pipe(v.array(FunctionResultSchema), v.minLength(1))),
    context: v.optional(PageContextSchema),
    /** The user's own instructions for the model (Options → System prompt); a server may ignore them. */
    systemPrompt: v.optional(v.pipe(v.string(), v.maxLength(20_000))),
  }),
  v.check((request) => (request.message === undefined) !== (request.functionResults === undefined), 'a request carries either message or functionResults'),
);
export type ChatRequest = v.InferOutput<typeof ChatRequestSchema>;

/** `POST …/chat/stream/cancel`: Stop, for the reply of this requestId. */
export const CancelRequestSchema = v.object({ requestId: RequestIdSchema });

export const RegularReplySchema = v.object({
  content: v.string(),
  sessionId: v.optional(v.string()),
  usage: v.optional(UsageSchema),
  functionCalls: v.optional(v.array(FunctionCallSchema), []),
});
export type RegularReply = v.InferOutput<typeof RegularReplySchema>;

export const ErrorBodySchema = v.object({
  error: v.object({ message: v.string(), code: v.optional(v.string()) }),
});
export type ErrorBody = v.InferOutput<typeof ErrorBodySchema>;

const sessionId = v.optional(v.string());

/** Stream events after normalisation: `chunk` is folded into `content`. */
export const StreamEventSchema = v.variant('type', [
  v.object({ type: v.literal('content'), data: v.string(), sessionId }),
  v.object({ type: v.literal('done'), sessionId, usage: v.optional(UsageSchema) }),
  v.object({ type: v.literal('error'), message: v.string(), code: v.optional(v.string()), sessionId }),
  v.object({ type: v.literal('function_call'), ...FunctionCallSchema.entries, sessionId }),
]);
export type StreamEvent = v.InferOutput<typeof StreamEventSchema>;

/** What one SSE message turns into: a protocol event, or why it is not one. */
export type ParsedEvent =
  | StreamEvent
  | { type: 'unknown'; name: string }
  | { type: 'malformed'; data: string; reason: string };

/**
 * Reads one SSE message. The JSON `type` wins over the SSE `event:` field, which names the type
 * when the JSON has none; `data: [DONE]` is a `done`.
 */
export function parseStreamEvent(data: string, eventName?: string): ParsedEvent {
  if (data.trim() === '[DONE]') return { type: 'done' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { type: 'malformed', data, reason: 'not JSON' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { type: 'malformed', data, reason: 'not a JSON object' };
  }
  const record = json as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : eventName || 'message';
  const normalised =
    type === 'chunk' ? { ...record, type: 'content', data: record.content ?? record.data } : { ...record, type };
  if (!['content', 'done', 'error', 'function_call'].includes(normalised.type)) {
    return { type: 'unknown', name: type };
  }
  const result = v.safeParse(StreamEventSchema, normalised);
  if (!result.success) return { type: 'malformed', data, reason: v.summarize(result.issues) };
  return result.output;
}
