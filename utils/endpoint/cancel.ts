/**
 * Tells the endpoint a stopped reply is not wanted. A server that resumes replies runs them apart
 * from the connection, so closing it (Stop) looks like a drop; without this the server would
 * finish the reply and keep it in the session. Best effort: an endpoint without the route is fine.
 */
import { endpointPost } from './turn';
import { debugLog } from '../log';
import { chatUrl } from '../contract/sidechat-wire';
import type { Settings } from '../settings';

export async function cancelReply(settings: Pick<Settings, 'endpointUrl' | 'projectId' | 'apiKey'>, requestId: string, fetchImpl: typeof fetch = fetch): Promise<void> {
  const url = `${chatUrl(settings.endpointUrl, settings.projectId, 'stream')}/cancel`;
  try {
    await fetchImpl(url, endpointPost(settings, { requestId }, AbortSignal.timeout(5000)));
  } catch (error) {
    debugLog('request', 'cancel failed', error);
  }
}
