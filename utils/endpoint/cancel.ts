/**
 * Tells the endpoint a stopped reply is not wanted. A server that resumes replies runs them apart
 * from the connection, so closing it (Stop) looks like a drop; without this the server would
 * finish the reply and keep it in the session. Best effort: an endpoint without the route is fine.
 * Protocols without such a request have nothing to tell: aborting the fetch is the whole of Stop.
 */
import { postInit } from './post';
import { debugLog } from '../log';
import type { WireProtocol } from './wire-protocol';

export async function cancelReply<Req>(protocol: WireProtocol<Req>, request: Req, fetchImpl: typeof fetch = fetch): Promise<void> {
  const spec = protocol.cancelPost(request);
  if (!spec) return;
  try {
    await fetchImpl(spec.url, postInit(spec, AbortSignal.timeout(5000)));
  } catch (error) {
    debugLog('request', 'cancel failed', error);
  }
}
