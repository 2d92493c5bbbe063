/**
 * CLI: `tsx server/index.ts [--port N] [--host H] [--api-key KEY] [--wps N]`. With
 * SIDECHAT_OPENAI_BASE_URL and SIDECHAT_OPENAI_MODEL set, a real model answers instead of the demo.
 */
import { parseArgs } from 'node:util';
import { createSidechatServer } from './app';
import { createOpenAiResponder, openAiConfigFromEnv, type OpenAiConfig } from './responders/openai';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    wps: { type: 'string' },
  },
});

const port = numberOption('--port', values.port ?? process.env.PORT ?? '8787');
const apiKey = values['api-key'];
const openAi = modelConfig();
// A model has its own pace: the demo's is only for show.
const wps = values.wps === undefined ? (openAi ? 0 : undefined) : numberOption('--wps', values.wps);

const app = createSidechatServer({ apiKey, wps, responder: openAi && createOpenAiResponder(openAi) });
const { url } = await app.listen(port, values.host);
console.log(`Sidechat reference server listening on ${url}`);
console.log(`Endpoint URL: ${url}   Project ID: any, e.g. demo   API key: ${apiKey ? 'required' : 'none'}`);
console.log(openAi ? `Answering with ${openAi.model} at ${openAi.baseUrl} (OpenAI-compatible)` : 'Answering with the demo responder (no model)');

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
