/**
 * Endpoints written from other documentation than docs/protocol.md: Sidechat is liberal in what
 * it accepts from them, and shows their replies as they stream.
 */
import assert from 'node:assert/strict';
import { startScriptedSseServer } from '../fixtures/scripted-sse-server';
import { configure, ENDED, send, waitForReply, type Scenario, type TestServer } from './scenarios';

export const otherServerScenarios: Record<string, Scenario> = {
  async 'a stream without blank lines between its events (one JSON event per data line) streams line by line and ends done'(ctx) {
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    // As the Termix widget documents its stream, plus a JSON value split over two data lines the
    // SSE way; the last event is not followed by a blank line before the stream ends.
    const server = await startScriptedSseServer([
      'data: {"type":"content","data":"Hello"}\n',
      released,
      'data: {"type":"content",\ndata: "data":" there"}\n',
      'data: {"type":"content","data":"!"}\n',
      'data: {"type":"done","sessionId":"abc"}\n',
    ]);
    try {
      await configure(ctx, { url: server.url } as TestServer);
      const panel = await ctx.openPanel();
      await send(panel, 'hi');
      const first = await waitForReply(panel, { states: ['streaming'], minText: 'Hello'.length }, 'the first line on screen while the server holds the rest');
      assert.equal(first.text, 'Hello');
      release();
      const reply = await waitForReply(panel, { states: ENDED, minText: 'Hello there!'.length }, 'the reply to finish with its whole text');
      assert.equal(reply.state, 'done', `reply failed: ${reply.alert}`);
      assert.equal(reply.text, 'Hello there!');
      assert.equal(server.requests, 1);
    } finally {
      release();
      await server.close();
    }
  },
};
