import type { IncomingMessage, ServerResponse } from 'node:http';

/** `npm start` opens the server's root in the browser, so say there what this is and how to use it. */
export function sendLanding(req: IncomingMessage, res: ServerResponse): void {
  const endpoint = `http://${req.headers.host ?? '127.0.0.1:8787'}`;
  const text = [
    'Sidechat reference endpoint: it is running.',
    '',
    `In Sidechat's Options, set Endpoint URL to ${endpoint} and Project ID to demo (any ID works).`,
    'Then open the Sidechat side panel and try "show me markdown", "help" or "count to 100".',
    '',
    'The wire protocol is described in docs/protocol.md.',
  ].join('\n');
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end(text);
}
