import { describe, expect, it } from 'vitest';
import { chatUrl } from '../../../utils/contract/sidechat-wire';
import { cancelReply } from '../../../utils/endpoint/cancel';
import { sidechatProtocol } from '../../../utils/endpoint/protocols/sidechat';
import { gatedResponder, memoryReplies, startServer } from './helpers';

describe('reference server: cancelling a stopped reply', () => {
  it('aborts and forgets the reply named, so no turn is recorded and a resume is gone', async () => {
    const gated = gatedResponder();
    const { app, url, post } = await startServer({ responder: gated.responder, apiKey: 'k' });
    const auth = { headers: { Authorization: 'Bearer k', 'Accept-Encoding': 'identity' } };
    const controller = new AbortController();
    const response = await post('stream', { message: 'go', requestId: 'r-stop' }, { ...auth, signal: controller.signal });
    expect(response.status).toBe(200);
    controller.abort();
    expect(memoryReplies(app).get('r-stop')).toBeDefined();

    await cancelReply(sidechatProtocol({ endpointUrl: url, projectId: 'demo', apiKey: 'k' }), { requestId: 'r-stop', message: 'go' });
    expect(memoryReplies(app).get('r-stop')).toBeUndefined();
    expect(gated.signals[0].aborted).toBe(true);
    gated.release();
    const resumed = await post('stream', { message: 'go', requestId: 'r-stop' }, { headers: { ...auth.headers, 'Last-Event-ID': '1' } });
    expect(resumed.status).toBe(410);
    expect(gated.turns).toEqual([1]);
  });

  it('wants the API key and a requestId', async () => {
    const { url } = await startServer({ apiKey: 'k' });
    const cancel = (headers: Record<string, string>, body: unknown) =>
      fetch(`${chatUrl(url, 'demo', 'stream')}/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await cancel({}, { requestId: 'x' })).status).toBe(401);
    expect((await cancel({ Authorization: 'Bearer k' }, {})).status).toBe(400);
    expect((await cancel({ Authorization: 'Bearer k' }, { requestId: 'unknown' })).status).toBe(204);
  });
});
