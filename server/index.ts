/**
 * CLI: `tsx server/index.ts [--port N] [--host H] [--api-key KEY] [--wps N] [--retry-ms N] [--firehose]
 * [--redis URL] [--drain-ms N]`. With SIDECHAT_OPENAI_BASE_URL and SIDECHAT_OPENAI_MODEL set, a real
 * model answers instead of the demo; --firehose answers with the load responder instead of either.
 * --redis (or SIDECHAT_REDIS_URL) keeps replies and sessions in Redis, shared by every instance
 * given the same URL (docs/deployment.md); without it they stay in this process's memory.
 */
import { parseArgs } from 'node:util';
import { createSidechatServer } from './app';
import { redactedUrl } from './redis/connection';
import { connectRedisState } from './redis/shared-state';
import { createFirehoseResponder } from './responders/firehose';
import { createOpenAiResponder, openAiConfigFromEnv, type OpenAiConfig } from './responders/openai';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    wps: { type: 'string' },
    // The `retry:` a stream asks of clients: how long to wait before reconnecting.
    'retry-ms': { type: 'string' },
    // The load responder (server/responders/firehose.ts) instead of the demo one; pace 0 unless --wps says otherwise.
    firehose: { type: 'boolean', default: false },
    redis: { type: 'string' },
    // On SIGTERM, how long running replies may take to finish before the instance exits.
    'drain-ms': { type: 'string' },
    // With --redis: how long a reply's claim outlives this instance (how soon its death is noticed).
    'lease-ms': { type: 'string' },
    // zlib's own deflate state (256 KB a stream) instead of the small one, for comparison in the benchmark.
    'zlib-default': { type: 'boolean', default: false },
  },
});

const port = numberOption('--port', values.port ?? process.env.PORT ?? '8787');
const apiKey = values['api-key'];
const openAi = values.firehose ? undefined : modelConfig();
// A model, and the firehose, have their own pace: the demo's is only for show.
const wps = values.wps === undefined ? (openAi || values.firehose ? 0 : undefined) : numberOption('--wps', values.wps);

const retryMs = values['retry-ms'] === undefined ? undefined : numberOption('--retry-ms', values['retry-ms']);

const drainMs = numberOption('--drain-ms', values['drain-ms'] ?? '30000');
const redisUrl = values.redis ?? process.env.SIDECHAT_REDIS_URL;
const leaseMs = values['lease-ms'] === undefined ? undefined : numberOption('--lease-ms', values['lease-ms']);
const storage = redisUrl ? await sharedStorage(redisUrl) : undefined;

const gzip = values['zlib-default'] ? { windowBits: 15, memLevel: 8 } : undefined;
const app = createSidechatServer({ apiKey, wps, retryMs, storage, gzip, responder: values.firehose ? createFirehoseResponder() : openAi && createOpenAiResponder(openAi) });
const { url } = await app.listen(port, values.host);
console.log(`Sidechat reference server listening on ${url} (pid ${process.pid})`);
console.log(storage ? `Replies and sessions in Redis at ${redactedUrl(redisUrl!)}; instance id ${storage.replies.instanceId}` : 'Replies and sessions in memory');
console.log(`Endpoint URL: ${url}   Project ID: any, e.g. demo   API key: ${apiKey ? 'required' : 'none'}`);
if (values.firehose) console.log('Firehose responder: ask for "words 20000" or "markdown 200 kb" (add "every 10 ms" to pace).');
else console.log(openAi ? `Answering with ${openAi.model} at ${openAi.baseUrl} (OpenAI-compatible)` : 'Answering with the demo responder (no model)');

// SIGTERM drains (a load balancer's or orchestrator's stop); SIGINT (Ctrl-C) stops at once.
process.once('SIGTERM', () => void app.drain(drainMs).then(() => process.exit(0)));
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));

async function sharedStorage(url: string) {
  try {
    return await connectRedisState(url, { replies: leaseMs ? { leaseMs, heartbeatMs: Math.max(50, Math.round(leaseMs / 5)) } : {} });
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function modelConfig(): OpenAiConfig | undefined {
  try {
    return openAiConfigFromEnv(process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
}

function numberOption(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
