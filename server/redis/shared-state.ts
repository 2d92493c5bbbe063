/** The server's shared state in Redis, from a URL: what `--redis` and `SIDECHAT_REDIS_URL` give. */
import { connectRedis, whenReady, type RedisTimeouts } from './connection';
import { RedisReplyStore, type RedisReplyOptions } from './reply-store';
import { RedisSessionStore, type RedisSessionOptions } from './sessions';

export interface RedisStateOptions extends RedisTimeouts {
  replies?: Partial<RedisReplyOptions>;
  sessions?: Partial<RedisSessionOptions>;
}

export async function connectRedisState(url: string, options: RedisStateOptions = {}) {
  const commands = connectRedis(url, 'sidechat', options);
  // The blocking read waits up to a second per XREAD: its timeout has to be longer.
  const tail = connectRedis(url, 'sidechat-tail', { commandTimeoutMs: (options.commandTimeoutMs ?? 2000) + 2000 });
  const subscriber = connectRedis(url, 'sidechat-cancel', options);
  try {
    await Promise.all([commands, tail, subscriber].map((connection) => whenReady(connection, url)));
  } catch (error) {
    for (const connection of [commands, tail, subscriber]) connection.disconnect();
    throw error;
  }
  const prefix = options.replies?.prefix;
  return {
    replies: new RedisReplyStore({ commands, tail, subscriber }, options.replies),
    sessions: new RedisSessionStore(commands, { ...(prefix ? { prefix } : {}), ...options.sessions }),
  };
}
