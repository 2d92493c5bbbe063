import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';
import type { StreamEvent } from '../utils/contract/sidechat-wire';
import type { Headers } from './http';

export interface SseStream {
  /** Resolves once the text is on its way to the socket, not stuck in a compressor. */
  write(text: string): Promise<void>;
  end(): void;
  /** True once the connection closed or the stream was ended. */
  readonly closed: boolean;
  /** Settles when the connection closes, so a reader waiting for events can leave at once. */
  readonly whenClosed: Promise<void>;
}

/**
 * Deflate state per compressed stream. zlib's default (15-bit window, memLevel 8) costs about
 * 256 KB per stream; SSE frames are small and repeat within a few KB, so a 4 KB window and
 * memLevel 5 (about 32 KB) compress them nearly as well (docs/performance.md#endpoint-load).
 */
export interface GzipTuning {
  windowBits: number;
  memLevel: number;
}

export const SSE_GZIP: GzipTuning = { windowBits: 12, memLevel: 5 };

export interface SseOptions {
  gzip?: GzipTuning;
  /** Silence after which a `: keep-alive` comment goes out; 0 disables. */
  keepAliveMs: number;
  /** Sent first as `retry:`, the reconnection delay a client should use; omitted when undefined. */
  retryMs?: number;
  headers?: Headers;
}

/** One event as SSE text; `id` is left out for a server that cannot resume. */
export function eventFrame(event: StreamEvent, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}data: ${JSON.stringify(event)}\n\n`;
}

/**
 * Starts a `text/event-stream` reply. Compression is flushed after every write, since a
 * buffering compressor would hold back the reply the user is watching being typed.
 */
export function openSse(req: IncomingMessage, res: ServerResponse, { keepAliveMs, retryMs, headers = {}, gzip: tuning = SSE_GZIP }: SseOptions): SseStream {
  const gzip = /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '') ? createGzip(tuning) : undefined;
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    // no-transform keeps proxies from compressing or rewriting (and thus buffering) the stream.
    'Cache-Control': 'no-cache, no-transform',
    // nginx would otherwise buffer the whole reply.
    'X-Accel-Buffering': 'no',
    Connection: 'keep-alive',
    Vary: [res.getHeader('Vary'), 'Accept-Encoding'].filter(Boolean).join(', '),
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    ...headers,
  });
  res.flushHeaders();

  let closed = false;
  let keepAlive: NodeJS.Timeout | undefined;
  const whenClosed = new Promise<void>((resolve) => res.once('close', () => resolve()));

  // Proxies and browsers drop connections that stay silent too long while a model thinks.
  const armKeepAlive = () => {
    clearTimeout(keepAlive);
    if (keepAliveMs > 0) keepAlive = setTimeout(() => void write(': keep-alive\n\n'), keepAliveMs);
  };

  // Waits for the socket (or gzip) to take the text: without that, a fast reply would queue
  // in memory here and its producer would never notice a slow or vanished client.
  const write = (text: string) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      armKeepAlive();
      const settle = () => {
        res.off('close', settle).off('drain', settle);
        resolve();
      };
      res.once('close', settle);
      if (gzip) {
        gzip.write(text);
        gzip.flush(constants.Z_SYNC_FLUSH, settle);
      } else if (res.write(text)) settle();
      else res.once('drain', settle);
    });

  if (gzip) {
    gzip.on('data', (chunk: Buffer) => {
      if (!res.write(chunk)) {
        gzip.pause();
        res.once('drain', () => gzip.resume());
      }
    });
    gzip.on('end', () => res.end());
  }
  res.on('close', () => {
    closed = true;
    clearTimeout(keepAlive);
    gzip?.destroy();
  });
  armKeepAlive();
  if (retryMs !== undefined) void write(`retry: ${retryMs}\n\n`);

  return {
    write,
    end() {
      closed = true;
      clearTimeout(keepAlive);
      if (gzip) gzip.end();
      else res.end();
    },
    get closed() {
      return closed;
    },
    whenClosed,
  };
}
