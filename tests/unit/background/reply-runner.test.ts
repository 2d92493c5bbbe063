import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { startReply, type StreamPosition } from '@/utils/background/reply-runner';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import type { ChatRequest } from '@/utils/contract/sidechat-wire';
import { streamResponse } from '../fixtures/streams';

describe('a resumed reply', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps its place: every position it reports is after the event it resumed from, until a newer one', async () => {
    const resume: StreamPosition = { mode: 'stream', request: { requestId: 'req-1', message: 'count' }, lastEventId: '2' };
    const positions: StreamPosition[] = [];
    const running = startReply(
      { windowId: 1, replyId: 'r1', text: 'count', session: { get: async () => undefined, set: async () => {} }, resume },
      { loadSettings: async () => DEFAULT_SETTINGS, fetch: async () => streamResponse('id: 3\ndata: {"type":"content","data":"three"}\n\nid: 4\ndata: {"type":"done"}\n\n') },
      { emit: () => {}, onPosition: (at) => positions.push(at) },
    );
    await running.finished;
    // Without this, a checkpoint saved before event 3 arrived would send the next worker back to the start.
    expect(positions.map((at) => at.lastEventId)).toEqual(['2', '3']);
    expect(positions.every((at) => (at.request as ChatRequest).requestId === 'req-1')).toBe(true);
  });
});
