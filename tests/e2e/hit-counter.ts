/**
 * A web server that records every request. Payloads aim their URLs at it: a reply that fetched
 * anything by itself would show up here.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HitCounter {
  origin: string;
  /** Request paths, in arrival order. */
  hits: string[];
  /** Resolves once `count` requests have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startHitCounter(): Promise<HitCounter> {
  const hits: string[] = [];
  const listeners = new Set<() => void>();
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    for (const listener of [...listeners]) listener();
    // A 1×1 transparent GIF: a well-formed image, so an image the user asked for shows up.
    res.writeHead(200, { 'Content-Type': 'image/gif', 'Access-Control-Allow-Origin': '*' });
    res.end(Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    waitFor(count, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const settle = (outcome: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          outcome();
        };
        const check = () => {
          if (hits.length >= count) settle(resolve);
        };
        const timer = setTimeout(() => settle(() => reject(new Error(`Expected ${count} requests at the hit counter within ${timeoutMs} ms, got: ${hits.join(', ') || 'none'}`))), timeoutMs);
        listeners.add(check);
        check();
      });
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
