/**
 * CLI: `tsx server/index.ts [--port N] [--host H] [--api-key KEY] [--wps N] [--retry-ms N] [--firehose]`. With
 * SIDECHAT_OPENAI_BASE_URL and SIDECHAT_OPENAI_MODEL set, a real model answers instead of the demo;
 * --firehose answers with the load responder instead of either.
 */
import { parseArgs } from 'node:util';
import { createSidechatServer } from './app';
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
  },
});

const port = numberOption('--port', values.port ?? process.env.PORT ?? '8787');
const apiKey = values['api-key'];
const openAi = values.firehose ? undefined : modelConfig();
// A model, and the firehose, have their own pace: the demo's is only for show.
const wps = values.wps === undefined ? (openAi || values.firehose ? 0 : undefined) : numberOption('--wps', values.wps);

const retryMs = values['retry-ms'] === undefined ? undefined : numberOption('--retry-ms', values['retry-ms']);

const app = createSidechatServer({ apiKey, wps, retryMs, responder: values.firehose ? createFirehoseResponder() : openAi && createOpenAiResponder(openAi) });
const { url } = await app.listen(port, values.host);
console.log(`Sidechat reference server listening on ${url}`);
console.log(`Endpoint URL: ${url}   Project ID: any, e.g. demo   API key: ${apiKey ? 'required' : 'none'}`);
if (values.firehose) console.log('Firehose responder: ask for "words 20000" or "markdown 200 kb" (add "every 10 ms" to pace).');
else console.log(openAi ? `Answering with ${openAi.model} at ${openAi.baseUrl} (OpenAI-compatible)` : 'Answering with the demo responder (no model)');

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
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
