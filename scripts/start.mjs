// `npm start`: build the extension for Chrome and Firefox, run the reference endpoint, and —
// where there is a display and a Chromium — open Chromium with the extension loaded.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const chromeDir = join(root, '.output/chrome-mv3');
const firefoxDir = join(root, '.output/firefox-mv3');
const port = process.env.PORT ?? '8787';

const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn('npx', ['tsx', 'server/index.ts', '--port', port, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
server.on('exit', (code) => process.exit(code ?? 0));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));

console.log(`
Sidechat is built.
  Chrome/Chromium: chrome://extensions → Developer mode → Load unpacked → ${chromeDir}
  Firefox:         about:debugging#/runtime/this-firefox → Load Temporary Add-on → ${firefoxDir}/manifest.json
Then click the Sidechat toolbar button on any page. ${endpointNote()}
`);

// The extension's default endpoint is fixed at 8787; another port has to be set in Options.
function endpointNote() {
  const url = `http://127.0.0.1:${port}`;
  return port === '8787' ? `The extension talks to ${url} by default.` : `The extension's default endpoint is port 8787: set Endpoint URL to ${url} in Sidechat's Options.`;
}

const chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((name) => spawnSync('which', [name]).status === 0);
if (process.env.DISPLAY && chromium && !process.env.SIDECHAT_NO_BROWSER) {
  const profile = mkdtempSync(join(tmpdir(), 'sidechat-profile-'));
  const flags = [`--user-data-dir=${profile}`, `--load-extension=${chromeDir}`, `--disable-extensions-except=${chromeDir}`, '--no-first-run'];
  // Chromium refuses to start as root unless its sandbox is off (containers, CI machines).
  if (process.getuid?.() === 0) flags.push('--no-sandbox');
  const browser = spawn(chromium, [...flags, `http://127.0.0.1:${port}/`], { stdio: 'ignore' });
  browser.on('error', (error) => console.log(`Could not start ${chromium}: ${error.message}`));
  console.log(`Opened ${chromium} with Sidechat loaded (profile in ${profile}).`);
}
