/**
 * The idle timeout mid-stream. It watches raw bytes, before any decoding or SSE parsing, so a
 * keep-alive comment (which produces no event) still proves the connection is alive.
 */
export class IdleTimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`No bytes for ${ms} ms`);
    this.name = 'IdleTimeoutError';
  }
}

export interface WatchedBody {
  /** The same bytes; it errors with an IdleTimeoutError when none arrive for `ms`. */
  body: ReadableStream<Uint8Array>;
  /** Clears the timer; call it whenever reading ends, however it ends. */
  stop(): void;
}

export function watchIdle(body: ReadableStream<Uint8Array>, ms: number, onTimeout?: () => void): WatchedBody {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
  };
  const arm = (controller: TransformStreamDefaultController<Uint8Array>) => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(() => {
      stop();
      controller.error(new IdleTimeoutError(ms));
      onTimeout?.();
    }, ms);
  };
  const watcher = new TransformStream<Uint8Array, Uint8Array>({
    start: arm,
    transform(chunk, controller) {
      arm(controller);
      controller.enqueue(chunk);
    },
    flush: stop,
  });
  return { body: body.pipeThrough(watcher), stop };
}
