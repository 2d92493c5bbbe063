import { onTestFinished } from 'vitest';
import { createSidechatServer, type SidechatServerOptions } from '../../server/app';
import { chatUrl, type ChatMode, type ParsedEvent } from '../../utils/protocol';
import { readStreamEvents } from '../../utils/sse-events';

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
  for await (const { event, eventId } of readStreamEvents(response.body!)) {
    events.push({ event, id: eventId, at: Date.now() });
  }
  return events;
}

export function contentText(events: TimedEvent[]): string {
  return events.map(({ event }) => (event.type === 'content' ? event.data : '')).join('');
}
