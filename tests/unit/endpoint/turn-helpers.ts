/** A scripted endpoint for runTurn: each fetch gets the next answer, and every request is kept. */
import { vi } from 'vitest';
import { runTurn, type TurnEvent, type TurnOptions } from '@/utils/endpoint/turn';
import { sidechatProtocol } from '@/utils/endpoint/protocols/sidechat';
import type { ChatRequest } from '@/utils/contract/sidechat-wire';

export const settings = { endpointUrl: 'http://127.0.0.1:8787', projectId: 'demo', apiKey: '' };

/** An answer: a response, a function of the request, or 'network' for a fetch that rejects. */
export type Answer = Response | 'network' | ((init: RequestInit) => Response | Promise<Response>);

export interface SentRequest {
  url: string;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  signal: AbortSignal;
}

export function scriptedFetch(answers: Answer[]) {
  const sent: SentRequest[] = [];
  const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
    sent.push({ url, body: JSON.parse(String(init.body)), headers: init.headers as Record<string, string>, signal: init.signal! });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`unexpected request #${sent.length}`);
    if (answer === 'network') throw new TypeError('Failed to fetch');
    return typeof answer === 'function' ? answer(init) : answer;
  });
  return { fetch: fetchMock as unknown as typeof fetch, sent };
}

/** Waits recorded, none slept: the tests run instantly and see every delay. */
export function instantRetry(random = 0.5) {
  const delays: number[] = [];
  return {
    delays,
    retry: {
      random: () => random,
      sleep: async (ms: number, signal: AbortSignal) => {
        delays.push(ms);
        if (signal.aborted) throw signal.reason;
      },
    },
  };
}

export function startTurn(answers: Answer[], options: Partial<TurnOptions<ChatRequest>> = {}) {
  const { fetch, sent } = scriptedFetch(answers);
  const events: TurnEvent[] = [];
  const { delays, retry } = instantRetry();
  const controller = new AbortController();
  const result = runTurn<ChatRequest>({
    protocol: sidechatProtocol(settings),
    request: { message: 'hello' },
    mode: 'stream',
    signal: controller.signal,
    onEvent: (e) => events.push(e),
    fetch,
    retry,
    ...options,
  });
  const text = () => events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
  const types = () => events.map((e) => e.type);
  return { result, events, sent, delays, controller, text, types };
}
