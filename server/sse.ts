import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, createGzip } from 'node:zlib';
import type { StreamEvent } from '../utils/protocol';
import type { Headers } from './http';

export interface SseStream {
  /** Resolves once the event is on its way to the socket, not stuck in a compressor. */
  send(event: StreamEvent): Promise<void>;
  /** Writes text as is, for replies that must be malformed on purpose. */
  writeRaw(text: string): Promise<void>;
  end(): void;
}

/**
 * Starts a `text/event-stream` reply. Each event gets an `id:` so a client can later resume with
 * Last-Event-ID. Compression is flushed after every event, since a buffering compressor would
 * hold back the reply the user is watching being typed.
 */
export function openSse(req: IncomingMessage, res: ServerResponse, keepAliveMs: number, headers: Headers = {}): SseStream {
  const gzip = /\bgzip\b/i.test(req.headers['accept-encoding'] ?? '') ? createGzip() : undefined;
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
  let nextId = 1;

  // Proxies and browsers drop connections that stay silent too long while a model thinks.
  const armKeepAlive = () => {
    clearTimeout(keepAlive);
    if (keepAliveMs > 0) keepAlive = setTimeout(() => void write(': keep-alive\n\n'), keepAliveMs);
  };

  // Waits for the socket (or gzip) to take the text: without that, a fast responder would
  // queue its whole reply in memory and starve the event loop, never noticing a disconnect.
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

  return {
    send: (event) => write(`id: ${nextId++}\ndata: ${JSON.stringify(event)}\n\n`),
    writeRaw: write,
    end() {
      closed = true;
      clearTimeout(keepAlive);
      if (gzip) gzip.end();
      else res.end();
    },
  };
}
