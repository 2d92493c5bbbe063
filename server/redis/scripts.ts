/**
 * The Lua scripts that keep the replies' shared state consistent: each runs atomically in Redis,
 * so a claim, an append and its byte accounting, or a seal never interleave with another
 * instance's. Key layout (P is the prefix, default `sidechat:`; see docs/deployment.md):
 *   P reply:<id>           hash   state (running|finished|failed), owner, firstId, lastId, finalId
 *   P reply:<id>:events    stream one entry per SSE frame, entry id 0-N = the frame's `id:` N
 *   P reply:<id>:lease     string the owner's instance id, expiring unless the owner renews it
 *   P reply:<id>:readers   zset   instance id -> until when it has readers of the reply
 *   P replies:bytes        hash   reply id -> bytes its stream holds
 *   P replies:total        string bytes all streams hold
 *   P replies:finished     zset   reply id -> when it finished (the eviction order)
 *   P replies:expiry       zset   reply id -> when its keys expire (their bytes are then uncounted)
 *   P cancel               pub/sub channel: a reply id whose generation must stop
 * Every key gets a TTL as it is written; the owner renews it while the reply runs.
 */
import type { Redis } from 'ioredis';

const PRELUDE = `
local P, rid = ARGV[1], ARGV[2]
local META, EVENTS, LEASE, READERS = P..'reply:'..rid, P..'reply:'..rid..':events', P..'reply:'..rid..':lease', P..'reply:'..rid..':readers'
local BYTES, TOTAL, FINISHED, EXPIRY = P..'replies:bytes', P..'replies:total', P..'replies:finished', P..'replies:expiry'
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function drop(id)
  local base = P..'reply:'..id
  redis.call('DEL', base, base..':events', base..':lease', base..':readers')
  local bytes = tonumber(redis.call('HGET', BYTES, id) or '0')
  redis.call('HDEL', BYTES, id)
  redis.call('ZREM', FINISHED, id)
  redis.call('ZREM', EXPIRY, id)
  return redis.call('DECRBY', TOTAL, bytes)
end
local function counted(size, ttl, now)
  redis.call('HINCRBY', BYTES, rid, size)
  redis.call('ZADD', EXPIRY, now + ttl, rid)
  for _, key in ipairs({BYTES, TOTAL, FINISHED, EXPIRY}) do redis.call('PEXPIRE', key, ttl * 2) end
  return redis.call('INCRBY', TOTAL, size)
end
`;

/** ARGV: P, rid, owner, leaseMs, ttlMs. 1 when this owner now runs the reply, 0 when it exists. */
const CLAIM = `
if redis.call('EXISTS', META) == 1 then return 0 end
redis.call('HSET', META, 'state', 'running', 'owner', ARGV[3], 'firstId', 1, 'lastId', 0)
redis.call('PEXPIRE', META, ARGV[5])
redis.call('SET', LEASE, ARGV[3], 'PX', ARGV[4])
redis.call('ZADD', EXPIRY, nowMs() + ARGV[5], rid)
return 1`;

/**
 * ARGV: P, rid, id, frame, final (1|0), ttlMs, maxReplyBytes, maxTotalBytes. Appends the frame,
 * keeps the reply's own bound (its oldest frames go), forgets expired replies' bytes, then keeps
 * the total bound by dropping the oldest finished replies. Fails NOTRUNNING for a reply that was
 * forgotten (cancelled) or sealed by another instance.
 */
const APPEND = `
if redis.call('HGET', META, 'state') ~= 'running' then return redis.error_reply('NOTRUNNING the reply was cancelled or taken over') end
local id, frame, ttl, now = tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[6]), nowMs()
if ARGV[5] == '1' then
  redis.call('XADD', EVENTS, '0-'..id, 'f', frame, 'e', '1')
  redis.call('HSET', META, 'state', 'finished', 'finalId', id, 'lastId', id)
  redis.call('DEL', LEASE)
  redis.call('ZADD', FINISHED, now, rid)
else
  redis.call('XADD', EVENTS, '0-'..id, 'f', frame)
  redis.call('HSET', META, 'lastId', id)
end
redis.call('PEXPIRE', EVENTS, ttl)
redis.call('PEXPIRE', META, ttl)
local total = counted(string.len(frame), ttl, now)
local bytes = tonumber(redis.call('HGET', BYTES, rid))
local first = tonumber(redis.call('HGET', META, 'firstId'))
local freed = 0
while bytes - freed > tonumber(ARGV[7]) and first < id do
  local entry = redis.call('XRANGE', EVENTS, '0-'..first, '0-'..first)[1]
  if entry then freed = freed + string.len(entry[2][2]) end
  first = first + 1
end
if freed > 0 then
  redis.call('XTRIM', EVENTS, 'MINID', '0-'..first)
  redis.call('HSET', META, 'firstId', first)
  redis.call('HINCRBY', BYTES, rid, -freed)
  total = redis.call('DECRBY', TOTAL, freed)
end
for _, old in ipairs(redis.call('ZRANGEBYSCORE', EXPIRY, '-inf', now, 'LIMIT', 0, 100)) do total = drop(old) end
while total > tonumber(ARGV[8]) do
  local oldest = redis.call('ZRANGE', FINISHED, 0, 0)[1]
  if not oldest or oldest == rid then break end
  total = drop(oldest)
end
return first`;

/** ARGV: P, rid, owner, leaseMs, ttlMs. The owner's renewal; 0 when the reply is no longer its to run. */
const RENEW = `
if redis.call('HGET', META, 'state') ~= 'running' then return 0 end
redis.call('SET', LEASE, ARGV[3], 'PX', ARGV[4])
redis.call('PEXPIRE', META, ARGV[5])
redis.call('PEXPIRE', EVENTS, ARGV[5])
redis.call('ZADD', EXPIRY, nowMs() + ARGV[5], rid)
return 1`;

/**
 * ARGV: P, rid, data frame (without its id line), ttlMs, giveUp (1|0), reader instance (or ''),
 * aliveMs. Ends a running reply whose lease lapsed (or, with giveUp, whose owner gives it up)
 * with the given error frame. With a reader instance, first records that it has readers for
 * aliveMs. Returns the reply's state, or 'gone'.
 */
const SEAL = `
local now = nowMs()
if ARGV[6] ~= '' and redis.call('EXISTS', META) == 1 then
  redis.call('ZADD', READERS, now + tonumber(ARGV[7]), ARGV[6])
  redis.call('PEXPIRE', READERS, ARGV[4])
end
local state = redis.call('HGET', META, 'state')
if not state then return 'gone' end
if ARGV[5] == '1' then redis.call('DEL', LEASE) end
if state ~= 'running' or redis.call('EXISTS', LEASE) == 1 then return state end
local id = tonumber(redis.call('HGET', META, 'lastId')) + 1
local frame = 'id: '..id..'\\n'..ARGV[3]
redis.call('XADD', EVENTS, '0-'..id, 'f', frame, 'e', '1')
redis.call('HSET', META, 'state', 'failed', 'finalId', id, 'lastId', id)
redis.call('PEXPIRE', EVENTS, ARGV[4])
redis.call('PEXPIRE', META, ARGV[4])
redis.call('ZADD', FINISHED, now, rid)
counted(string.len(frame), tonumber(ARGV[4]), now)
return 'failed'`;

/** ARGV: P, rid, channel. Forgets the reply and tells every instance to stop it. */
const FORGET = `
drop(rid)
redis.call('PUBLISH', ARGV[3], rid)
return 1`;

/** ARGV: P, rid. How many instances have readers of the reply right now. */
const READ_ELSEWHERE = `return redis.call('ZCOUNT', READERS, nowMs(), '+inf')`;

type Arg = string | number;

export interface ReplyScripts {
  claim(...args: Arg[]): Promise<number>;
  append(...args: Arg[]): Promise<number>;
  renew(...args: Arg[]): Promise<number>;
  seal(...args: Arg[]): Promise<string>;
  forget(...args: Arg[]): Promise<number>;
  readElsewhere(...args: Arg[]): Promise<number>;
}

const SCRIPTS: Record<keyof ReplyScripts, string> = {
  claim: CLAIM,
  append: APPEND,
  renew: RENEW,
  seal: SEAL,
  forget: FORGET,
  readElsewhere: READ_ELSEWHERE,
};

/** The scripts as commands of `redis` (ioredis sends EVALSHA, and the script itself when Redis lost it). */
export function replyScripts(redis: Redis): ReplyScripts {
  const commands = {} as ReplyScripts;
  for (const [name, body] of Object.entries(SCRIPTS) as [keyof ReplyScripts, string][]) {
    const command = `sidechat_${name}`;
    redis.defineCommand(command, { numberOfKeys: 0, lua: PRELUDE + body });
    const run = (redis as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>)[command].bind(redis);
    (commands as unknown as Record<string, (...args: Arg[]) => Promise<unknown>>)[name] = run;
  }
  return commands;
}
