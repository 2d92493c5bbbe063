/**
 * Is anything listening at the endpoint? Asked when the panel opens, so a first-run user
 * whose reference endpoint isn't running is told how to start it before pressing Send.
 */
import { unreachableError } from './http-errors';
import type { EndpointConfig } from '../settings';
import type { EndpointStatus } from '../contract/port-messages';

export async function probeEndpoint(endpoint: Pick<EndpointConfig, 'type' | 'url'>, fetchImpl: typeof fetch = fetch): Promise<EndpointStatus> {
  const url = `${endpoint.url}/health`;
  try {
    // no-cors: any answer at all, even from a server without CORS or without /health, proves it is up.
    await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return { reachable: true };
  } catch {
    // The message speaks of the configured server: the reference endpoint, or a model server such as Ollama.
    return { reachable: false, message: unreachableError(url, endpoint.type === 'openai' ? 'unreachableModelServer' : undefined).message };
  }
}
