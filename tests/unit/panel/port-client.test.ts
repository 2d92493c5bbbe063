import { describe, expect, it } from 'vitest';
import { connectPanelPort, RECONNECT_DELAYS_MS } from '@/utils/panel/port-client';
import type { BackgroundMessage, PanelMessage } from '@/utils/contract/port-messages';
import { createFakePort } from '../fixtures/fake-port';

function setup(options: { failConnect?: () => boolean } = {}) {
  const ports: Array<ReturnType<typeof createFakePort>> = [];
  const scheduled: Array<{ run: () => void; ms: number }> = [];
  const received: BackgroundMessage[] = [];
  const disconnects: boolean[] = [];
  const transport = connectPanelPort(
    3,
    {
      onMessage: (m) => received.push(m),
      onConnect: (): PanelMessage => ({ type: 'open' }),
      onDisconnect: (final) => disconnects.push(final),
    },
    (name) => {
      if (options.failConnect?.()) throw new Error('Extension context invalidated.');
      const fake = createFakePort(name);
      ports.push(fake);
      return fake.port;
    },
    (run, ms) => scheduled.push({ run, ms }),
  );
  return { transport, ports, scheduled, received, disconnects };
}

describe('connectPanelPort', () => {
  it('greets the background first on every port it opens', () => {
    const { ports, transport } = setup();
    transport.post({ type: 'probe' });
    expect(ports).toHaveLength(1);
    expect(ports[0].port.name).toBe('sidechat-panel:3');
    expect(ports[0].sent).toEqual([{ type: 'open' }, { type: 'probe' }]);
  });

  it('re-opens a dropped port by itself, backing off while it keeps dropping', () => {
    const { ports, scheduled, disconnects } = setup();
    ports[0].drop();
    expect(disconnects).toEqual([false]);
    expect(scheduled.map((s) => s.ms)).toEqual([RECONNECT_DELAYS_MS[0]]);
    scheduled[0].run();
    expect(ports).toHaveLength(2);
    expect(ports[1].sent).toEqual([{ type: 'open' }]);
    ports[1].drop();
    scheduled[1].run();
    expect(scheduled.map((s) => s.ms)).toEqual(RECONNECT_DELAYS_MS.slice(0, 2));
    // A port that delivers a message is healthy: the next drop starts the backoff over.
    ports[2].receive({ type: 'endpoint', reachable: true });
    ports[2].drop();
    expect(scheduled.at(-1)!.ms).toBe(RECONNECT_DELAYS_MS[0]);
  });

  it('validates what arrives and drops what is not in the contract', () => {
    const { ports, received } = setup();
    ports[0].receive({ type: 'chunk', replyId: 'r', delta: 'x' });
    ports[0].receive({ type: 'chunk', replyId: 'r' });
    ports[0].receive('<img src=x>');
    expect(received).toEqual([{ type: 'chunk', replyId: 'r', delta: 'x' }]);
  });

  it('gives up for good when the extension is gone', () => {
    let gone = false;
    const { ports, scheduled, disconnects } = setup({ failConnect: () => gone });
    gone = true;
    ports[0].drop();
    scheduled[0].run();
    expect(disconnects).toEqual([false, true]);
    expect(scheduled).toHaveLength(1);
  });
});
