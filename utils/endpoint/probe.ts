/**
 * Is anything listening at the endpoint? Asked when the panel opens, so a first-run user
 * whose reference endpoint isn't running is told how to start it before pressing Send.
 */
import { unreachableError } from './http-errors';
import type { EndpointStatus } from '../contract/port-messages';

export async function probeEndpoint(endpointUrl: string, fetchImpl: typeof fetch = fetch): Promise<EndpointStatus> {
  const url = `${endpointUrl}/health`;
  try {
    // no-cors: any answer at all, even from a server without CORS or without /health, proves it is up.
    await fetchImpl(url, { mode: 'no-cors', credentials: 'omit', redirect: 'manual', signal: AbortSignal.timeout(5000) });
    return { reachable: true };
  } catch {
    return { reachable: false, message: unreachableError(url).message };
  }
}
