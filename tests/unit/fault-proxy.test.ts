import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { startFaultProxy, type ProxyFault } from '../fixtures/fault-proxy';

/** A server answering `hello from {path}` (and the body it got, if any), and the proxy in front of it. */
async function startProxy() {
  const seen: { path: string; body: string; port: number }[] = [];
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    // A request the proxy cut short ends here, unanswered.
    req.on('error', () => {});
    for await (const chunk of req) body += chunk;
    seen.push({ path: req.url!, body, port: req.socket.remotePort! });
    res.setHeader('Date', 'Thu, 01 Jan 2026 00:00:00 GMT');
    res.end(`hello from ${req.url}${body ? `: ${body}` : ''}`);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const proxy = await startFaultProxy({ host: '127.0.0.1', port: (server.address() as AddressInfo).port });
  onTestFinished(async () => {
    await proxy.close();
    server.closeAllConnections();
    server.close();
  });
  return { proxy, seen };
}

/** A raw client, to see the response bytes exactly as the proxy sends them. */
function rawClient(port: number) {
  const socket: Socket = connect(port, '127.0.0.1');
  const chunks: { at: number; bytes: Buffer }[] = [];
  socket.on('data', (bytes: Buffer) => chunks.push({ at: Date.now(), bytes }));
  const closed = once(socket, 'close');
  onTestFinished(() => void socket.destroy());
  const received = () => Buffer.concat(chunks.map((chunk) => chunk.bytes)).toString('latin1');
  return {
    chunks,
    received,
    closed,
    get isClosed() {
      return socket.closed;
    },
    get: (path: string) => socket.write(`GET ${path} HTTP/1.1\r\nHost: test\r\n\r\n`),
    write: (text: string) => socket.write(text),
    /** Waits until everything received so far ends with `text`. */
    until: (text: string) => vi.waitFor(() => expect(received().endsWith(text)).toBe(true)),
    bytes: (count: number) => vi.waitFor(() => expect(received().length).toBeGreaterThanOrEqual(count)),
  };
}

async function plainResponse(port: number, path: string): Promise<string> {
  const client = rawClient(port);
  client.get(path);
  await vi.waitFor(() => expect(client.received()).toMatch(new RegExp(`hello from ${path}$`)));
  return client.received();
}

async function faulted(fault: ProxyFault, path = '/a') {
  const { proxy } = await startProxy();
  const whole = await plainResponse(proxy.port, path);
  proxy.inject(fault);
  const client = rawClient(proxy.port);
  const started = Date.now();
  client.get(path);
  return { proxy, client, whole, started };
}

describe('fault proxy', () => {
  it('passes requests and responses through untouched, bodies included', async () => {
    const { proxy, seen } = await startProxy();
    const response = await fetch(`${proxy.url}/echo`, { method: 'POST', body: 'GET /not-a-request HTTP/1.1\r\n\r\n' });
    expect(await response.text()).toBe('hello from /echo: GET /not-a-request HTTP/1.1\r\n\r\n');
    expect(seen.map(({ path }) => path)).toEqual(['/echo']);
  });

  it('cuts the response after N bytes, counted from its first byte', async () => {
    const { client, whole } = await faulted({ cutAfterBytes: 40 });
    await client.closed;
    expect(client.received()).toBe(whole.slice(0, 40));
  });

  it('stalls after N bytes and keeps the socket open, for good or for stallMs', async () => {
    const forever = await faulted({ stallAfterBytes: 30 });
    await forever.client.bytes(30);
    // Nothing to wait for: the point is that nothing more comes.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(forever.client.received()).toBe(forever.whole.slice(0, 30));
    expect(forever.client.isClosed).toBe(false);

    const paused = await faulted({ stallAfterBytes: 30, stallMs: 150 });
    await paused.client.until(paused.whole);
    expect(paused.client.received()).toBe(paused.whole);
    const resumedAt = paused.client.chunks.find((_, i, all) => Buffer.concat(all.slice(0, i).map((c) => c.bytes)).length >= 30)!.at;
    expect(resumedAt - paused.client.chunks[0].at).toBeGreaterThanOrEqual(140);
  });

  it('drips the response one byte at a time', async () => {
    const { client, whole, started } = await faulted({ dripBytesEveryMs: 3 });
    await client.until(whole);
    expect(client.received()).toBe(whole);
    expect(Date.now() - started).toBeGreaterThanOrEqual((whole.length - 1) * 3);
    expect(client.chunks.length).toBeGreaterThan(whole.length / 2);
  });

  it('holds the first byte back', async () => {
    const { client, whole, started } = await faulted({ holdFirstByteMs: 200 });
    await client.until(whole);
    expect(client.received()).toBe(whole);
    expect(client.chunks[0].at - started).toBeGreaterThanOrEqual(190);
  });

  it('applies a fault to the matching request of a kept-alive connection only', async () => {
    const { proxy, seen } = await startProxy();
    proxy.inject({ path: /^GET \/b /, cutAfterBytes: 20 });
    const client = rawClient(proxy.port);
    client.get('/a');
    await client.until('hello from /a');
    // Bodies holding "GET /b" must not count as requests.
    const lookalike = 'GET /b HTTP/1.1\r\n\r\n';
    client.write(`POST /a HTTP/1.1\r\nHost: test\r\nContent-Length: ${lookalike.length}\r\n\r\n${lookalike}`);
    await client.until(`hello from /a: ${lookalike}`);
    const chunk = `x\r\n\r\n${lookalike}`;
    client.write(`POST /c HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`);
    await client.until(`hello from /c: ${chunk}`);
    const before = client.received().length;
    client.get('/b');
    await client.closed;
    expect(client.received().length).toBe(before + 20);
    expect(seen.map(({ path }) => path)).toEqual(['/a', '/a', '/c', '/b']);
    expect(new Set(seen.map(({ port }) => port)).size).toBe(1);
  });

  it('is one-shot by default, applies `times` times, or always with Infinity, and clear() drops faults', async () => {
    const { proxy } = await startProxy();
    // Connection: close, so a response passed whole ends with its connection as a cut one does.
    const isCut = async (path: string) => {
      const client = rawClient(proxy.port);
      client.write(`GET ${path} HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n`);
      await client.closed;
      return client.received().length === 10;
    };
    proxy.inject({ path: '/once', cutAfterBytes: 10 });
    expect([await isCut('/once'), await isCut('/once')]).toEqual([true, false]);
    proxy.inject({ path: '/twice', cutAfterBytes: 10, times: 2 });
    expect([await isCut('/twice'), await isCut('/twice'), await isCut('/twice')]).toEqual([true, true, false]);
    proxy.inject({ path: '/always', cutAfterBytes: 10, times: Infinity });
    expect([await isCut('/always'), await isCut('/always'), await isCut('/always')]).toEqual([true, true, true]);
    proxy.clear();
    expect(await isCut('/always')).toBe(false);
  });

  it('close() cuts stalled connections', async () => {
    const { proxy, client } = await faulted({ stallAfterBytes: 5 });
    await client.bytes(5);
    await proxy.close();
    await client.closed;
  });
});
