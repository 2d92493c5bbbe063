import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { waitForConsent } from '@/utils/background/consent-requests';
import type { PageTools } from '@/utils/background/page-tools';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { openPanelSession } from '../fixtures/panel-session';
import { sse, streamResponse } from '../fixtures/streams';

const declarations = [{ name: 'get_page_context', description: 'd', parameters: {} }];

function setup(responses: Response[]) {

  const pageTools: PageTools = {
    declarations,
    runner: (windowId, report) => ({
      declarations,
      async run(call, signal) {
        report({ id: call.id, name: call.name, status: 'asking', label: 'Sidechat wants to read this page', ask: { site: 's', pageTitle: 't', what: 'w' } });
        const decision = await waitForConsent(windowId, call.id, signal);
        report({ id: call.id, name: call.name, status: 'done', label: `answered ${decision}` });
        return { id: call.id, name: call.name, result: { decision } };
      },
    }),
    async shareContext(_windowId, report) {
      report({ id: 'shared-page', name: 'share_page', status: 'done', label: 'Shared “T”' });
      return { url: 'https://a.example/', title: 'T' };
    },
  };
  return openPanelSession({
    loadSettings: async () => DEFAULT_SETTINGS,
    fetch: async () => responses.shift() ?? new Response('unexpected', { status: 599 }),
    pageTools,
    windowId: 4,
  });
}

describe('a panel session with page functions', () => {
  beforeEach(() => fakeBrowser.reset());

  it('offers the functions, relays the call to the panel, and takes the user’s answer from it', async () => {
    const s = setup([
      streamResponse(sse({ type: 'function_call', id: 'c1', name: 'get_page_context', sessionId: 'srv' }, { type: 'done' })),
      streamResponse(sse({ type: 'content', data: 'Summary.' }, { type: 'done' })),
    ]);
    s.ask('r1', 'summarize this page');
    await s.waitFor((m) => m.type === 'call' && m.call.status === 'asking');
    s.receive({ type: 'consent', replyId: 'r1', callId: 'c1', decision: 'once' });
    await s.waitFor((m) => m.type === 'done');
    expect(s.replies().map((m: any) => (m.type === 'call' ? `call ${m.call.label}` : m.type))).toEqual([
      'call Sidechat wants to read this page',
      'call answered once',
      'chunk',
      'done',
    ]);
    expect(s.bodies()).toEqual([
      { requestId: expect.any(String), message: 'summarize this page', functions: declarations },
      { requestId: expect.any(String), sessionId: 'srv', functions: declarations, functionResults: [{ id: 'c1', name: 'get_page_context', result: { decision: 'once' } }] },
    ]);
  });

  it('attaches the page’s context when the message asks to share it, and shows what was shared', async () => {
    const s = setup([streamResponse(sse({ type: 'done' }))]);
    s.ask('r1', 'hi', { shareContext: true });
    await s.waitFor((m) => m.type === 'done');
    expect(s.bodies()[0].context).toEqual({ url: 'https://a.example/', title: 'T' });
    expect(s.replies()[0]).toMatchObject({ type: 'call', replyId: 'r1', call: { label: 'Shared “T”' } });
  });

  it('Stop while the panel asks: nothing more is sent, and the reply stops', async () => {
    const s = setup([streamResponse(sse({ type: 'function_call', id: 'c1', name: 'get_page_context' }, { type: 'done' }))]);
    s.ask('r1', 'summarize this page');
    await s.waitFor((m) => m.type === 'call');
    s.receive({ type: 'stop', replyId: 'r1' });
    await s.waitFor((m) => m.type === 'stopped');
    expect(s.bodies()).toHaveLength(1);
  });
});
