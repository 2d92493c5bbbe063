/** CLI: `tsx server/index.ts [--port N] [--host H] [--api-key KEY] [--wps N]`. */
import { parseArgs } from 'node:util';
import { createSidechatServer } from './app';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    'api-key': { type: 'string' },
    wps: { type: 'string' },
  },
});

const port = numberOption('--port', values.port ?? process.env.PORT ?? '8787');
const wps = values.wps === undefined ? undefined : numberOption('--wps', values.wps);
const apiKey = values['api-key'];

const app = createSidechatServer({ apiKey, wps });
const { url } = await app.listen(port, values.host);
console.log(`Sidechat reference server listening on ${url}`);
console.log(`Endpoint URL: ${url}   Project ID: any, e.g. demo   API key: ${apiKey ? 'required' : 'none'}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close().then(() => process.exit(0)));
}

function numberOption(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`${name} must be a non-negative integer, got "${raw}"`);
    process.exit(2);
  }
  return value;
}
