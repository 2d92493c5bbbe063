import { onTestFinished } from 'vitest';
import { createSidechatServer, type Responder, type SidechatServer, type SidechatServerOptions } from '../../../server/app';
import type { ReplyStore } from '../../../server/reply-store';
import { chatUrl, parseStreamEvent, type ChatMode, type ParsedEvent } from '../../../utils/contract/sidechat-wire';
import { readSseMessages } from '../../../utils/endpoint/sse-events';

/** Starts a server on a free port for one test; closed after it. */
export async function startServer(options: SidechatServerOptions = {}) {
  const app = createSidechatServer({ wps: 0, ...options });
  const { url } = await app.listen();
  onTestFinished(() => app.close());
  const post = (mode: ChatMode, body: unknown, init: RequestInit = {}) =>
    fetch(chatUrl(url, 'demo', mode), {
      method: 'POST',
      ...init,
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', ...init.headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  return { app, url, post };
}

/** The replies of a server in memory mode (the default), with the memory store's own probes. */
export function memoryReplies(app: SidechatServer): ReplyStore {
  return app.replies as ReplyStore;
}

export interface TimedEvent {
  event: ParsedEvent;
  id?: string;
  at: number;
}

/**
 * Reads an SSE body to its end with the extension's own reader. Events also go into `events` as
 * they arrive, for reads that are expected to fail midway.
 */
export async function readEvents(response: Response, events: TimedEvent[] = []): Promise<TimedEvent[]> {
  for await (const { data, event, id } of readSseMessages(response.body!)) {
    events.push({ event: parseStreamEvent(data, event), id, at: Date.now() });
  }
  return events;
}

export function contentText(events: TimedEvent[]): string {
  return events.map(({ event }) => (event.type === 'content' ? event.data : '')).join('');
}

/**
 * A responder that says "one two " and then waits for `release()` before "three four ", so a
 * test can act while a reply is known to be mid-way. It records each turn's signal and the turn
 * number it was asked as.
 */
export function gatedResponder() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const signals: AbortSignal[] = [];
  const turns: number[] = [];
  const responder: Responder = {
    async *reply({ signal, turnNumber }) {
      signals.push(signal);
      turns.push(turnNumber);
      yield 'one ';
      yield 'two ';
      await Promise.race([gate, new Promise((resolve) => signal.addEventListener('abort', resolve))]);
      if (signal.aborted) return;
      yield 'three ';
      yield 'four';
    },
  };
  return { responder, release, signals, turns };
}
