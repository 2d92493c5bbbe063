/** Builds the baseline page (bench/baseline/main.ts) and serves it on loopback. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build, type Rollup } from 'vite';

const ENTRY = fileURLToPath(new URL('./baseline/main.ts', import.meta.url));

/** Same viewport and font as the panel, so both lay out the same amount of text per line. */
const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baseline</title>
<style>body{margin:0;font:14px/1.5 system-ui,sans-serif}#out{padding:12px;white-space:pre-wrap;overflow-wrap:anywhere}</style>
<script type="module" src="/baseline.js"></script></head>
<body><div id="out"></div></body></html>`;

export interface BaselinePage {
  url: string;
  /** The baseline's script, minified, as the browser gets it. */
  script: string;
  close(): Promise<void>;
}

export async function serveBaselinePage(): Promise<BaselinePage> {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: true, lib: { entry: ENTRY, formats: ['es'], fileName: 'baseline' } },
  })) as Rollup.RollupOutput[];
  const script = output[0].output[0].code;
  const server: Server = createServer((req, res) => {
    if (req.url === '/baseline.js') res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(script);
    else res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(HTML);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    script,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
