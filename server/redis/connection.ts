/**
 * Redis connections for shared state, via ioredis. Commands fail fast while Redis is away (no
 * offline queue, one retry, a command timeout), so a request gets a 503 instead of hanging;
 * the client reconnects on its own and the instance recovers when Redis returns.
 */
import { Redis } from 'ioredis';
import { StorageUnavailableError } from '../storage';

export interface RedisTimeouts {
  /** A command slower than this fails (Redis slow counts as Redis down). Default 2000. */
  commandTimeoutMs?: number;
}

export function connectRedis(url: string, name: string, { commandTimeoutMs = 2000 }: RedisTimeouts = {}): Redis {
  const redis = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: commandTimeoutMs,
    // Reconnect forever, at most a second apart: Redis coming back is the normal end of an outage.
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // Commands issued in the same tick (many replies' frames) go out as one write.
    enableAutoPipelining: true,
  });
  // Errors are reported by the commands that hit them; unhandled 'error' events would crash the process.
  redis.on('error', () => {});
  return redis;
}

/** Waits for the first connection, so a wrong URL is a clear startup error, not a 503 per request. */
export async function whenReady(redis: Redis, url: string, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Could not reach Redis at ${redactedUrl(url)} within ${timeoutMs} ms: is redis-server running?`)), timeoutMs);
    redis.once('ready', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** A Redis failure as the storage error the server answers 503 for. */
export async function guarded<T>(operation: Promise<T>): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    throw new StorageUnavailableError(`Shared storage (Redis) is unavailable: ${(error as Error).message}`);
  }
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}
