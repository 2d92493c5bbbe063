/**
 * The conversation of each session in chat-completions form, for the OpenAI-compatible adapter:
 * tool calls and their results included, which the server's own session history does not keep.
 * Bounded: least recently used sessions go first, and long conversations lose their oldest exchanges.
 */
import type { FunctionResult } from '../../utils/contract/sidechat-wire';
import { toolCallMessage, toolResultMessage, type CompletionMessage } from '../../utils/contract/openai-wire';
import type { Turn } from './types';

export type { CompletionMessage };

export interface ConversationLimits {
  maxSessions: number;
  maxMessages: number;
  /** Page text makes messages big; past this many characters the oldest exchanges go. */
  maxChars: number;
}

export const DEFAULT_LIMITS: ConversationLimits = { maxSessions: 200, maxMessages: 60, maxChars: 120_000 };

export class Conversations {
  readonly #bySession = new Map<string, CompletionMessage[]>();

  constructor(private readonly limits: ConversationLimits = DEFAULT_LIMITS) {}

  /**
   * The session's messages; rebuilt from the server's history when this store has none (evicted,
   * or the adapter came later), so a conversation never silently restarts.
   */
  get(sessionId: string, history: readonly Turn[]): CompletionMessage[] {
    const kept = this.#bySession.get(sessionId);
    if (kept) return [...kept];
    return history.flatMap((turn): CompletionMessage[] => [
      { role: 'user', content: turn.message },
      { role: 'assistant', content: turn.reply },
    ]);
  }

  /** Saves the conversation as it stands after a finished round. */
  set(sessionId: string, messages: CompletionMessage[]): void {
    this.#bySession.delete(sessionId);
    this.#bySession.set(sessionId, this.#trimmed(messages));
    for (const oldest of this.#bySession.keys()) {
      if (this.#bySession.size <= this.limits.maxSessions) break;
      this.#bySession.delete(oldest);
    }
  }

  /** Drops whole exchanges (a user message and all that answers it) from the start, never the last one. */
  #trimmed(messages: CompletionMessage[]): CompletionMessage[] {
    let list = messages;
    const size = (l: CompletionMessage[]) => l.reduce((sum, m) => sum + (m.content?.length ?? 0), 0);
    while (list.length > this.limits.maxMessages || size(list) > this.limits.maxChars) {
      const nextUser = list.findIndex((m, i) => i > 0 && m.role === 'user');
      if (nextUser <= 0) break;
      list = list.slice(nextUser);
    }
    return list;
  }
}

/**
 * The messages that close an assistant message's tool calls. When the stored conversation lacks
 * the calls (it was evicted mid-turn), they are restored from the results, so the model sees calls
 * and results in pairs, as chat-completions servers require.
 */
export function toolMessages(conversation: CompletionMessage[], results: readonly FunctionResult[]): CompletionMessage[] {
  const last = conversation.at(-1);
  const hasCalls = last?.role === 'assistant' && last.tool_calls?.length;
  const restored: CompletionMessage[] = hasCalls
    ? []
    : [toolCallMessage('', results.map((r) => ({ id: r.id, name: r.name, arguments: {} })))];
  return [...restored, ...results.map(toolResultMessage)];
}

/**
 * A new message after a reply whose calls got no results (the user stopped it) would leave those
 * calls unanswered, which chat-completions servers refuse; they are answered as not run.
 */
export function closeOpenCalls(conversation: CompletionMessage[]): CompletionMessage[] {
  const last = conversation.at(-1);
  if (last?.role !== 'assistant' || !last.tool_calls?.length) return [];
  return last.tool_calls.map((call) => toolResultMessage({ id: call.id, name: call.function.name, error: 'Not run: the user moved on.' }));
}
