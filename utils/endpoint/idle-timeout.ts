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

/**
 * `signal` is the request's: when it aborts, the body ends too, even from a fetch (or a test's
 * fake) that would keep its body open. `onTimeout` runs after the timeout ended the body.
 */
export function watchIdle(body: ReadableStream<Uint8Array>, ms: number, { signal, onTimeout }: { signal?: AbortSignal; onTimeout?: () => void } = {}): WatchedBody {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let onAbort = () => {};
  const stop = () => {
    stopped = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
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
    start(controller) {
      onAbort = () => {
        stop();
        controller.error(signal?.reason);
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      arm(controller);
    },
    transform(chunk, controller) {
      arm(controller);
      controller.enqueue(chunk);
    },
    flush: stop,
  });
  return { body: body.pipeThrough(watcher), stop };
}
