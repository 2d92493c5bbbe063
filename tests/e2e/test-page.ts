/** A web page with known content (tests/fixtures/pages/, the article unless told), served on a loopback address. */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from './driver';

export const TEST_PAGE_TITLE = 'The Keepers of Skellig Rock';

/**
 * 127.0.0.1 is covered by the manifest's host permissions; 127.0.0.2 is not, so only activeTab
 * (the user's click) lets Sidechat read a page served there.
 */
export async function serveTestPage(host = '127.0.0.1', fixture = 'article.html'): Promise<{ url: string; close(): Promise<void> }> {
  const html = await readFile(join(REPO_ROOT, 'tests/fixtures/pages', fixture));
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    url: `http://${host}:${(server.address() as AddressInfo).port}/keepers`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
