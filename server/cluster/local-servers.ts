/**
 * redis-server and HAProxy on free loopback ports, for `npm run cluster` and the tests; never as
 * system services. Whoever starts one stops it.
 * A missing binary fails with the package to install.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export function requireBinary(name: string, debianPackage: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  if (!found) throw new Error(`${name} is not installed: apt-get install -y ${debianPackage} (.ci/run does this)`);
  return found;
}

/** Resolves once something accepts connections on the port. */
export async function untilListening(port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const connected = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: '127.0.0.1' }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (connected) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

export interface RedisServer {
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved). */
  restart(): Promise<void>;
}

export async function startRedis(port?: number): Promise<RedisServer> {
  const binary = requireBinary('redis-server', 'redis-server');
  const chosen = port ?? (await freePort());
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(binary, ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--logfile', ''], { stdio: 'ignore' });
    await untilListening(chosen);
  };
  await start();
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    stop: async () => child && stopProcess(child, 'SIGKILL'),
    restart: start,
  };
}

export interface HaproxyOptions {
  backends: number[];
  /** The port clients use; default a free one. */
  port?: number;
  /** How often HAProxy checks each instance's /health. Default 500 ms. */
  checkMs?: number;
}

/** The SSE-friendly configuration `npm run cluster` uses too (see docs/deployment.md). */
export function haproxyConfig(port: number, { backends, checkMs = 500 }: HaproxyOptions): string {
  return [
    'global',
    // Two descriptors per proxied stream, within this machine's 20,000 per process.
    '  maxconn 9000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    // A reply is silent for at most the server's keep-alive interval (15 s): well under these.
    '  timeout client 5m',
    '  timeout server 5m',
    '  timeout http-request 10s',
    '  timeout http-keep-alive 10s',
    '  option redispatch',
    '  retries 3',
    '  retry-on conn-failure empty-response response-timeout',
    `frontend sidechat`,
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /health',
    // Flush each SSE frame at once instead of waiting to fill a buffer.
    '  option http-no-delay',
    ...backends.map((backend, index) => `  server i${index + 1} 127.0.0.1:${backend} check inter ${checkMs} fall 2 rise 2`),
    '',
  ].join('\n');
}

export async function startHaproxy(options: HaproxyOptions): Promise<{ url: string; stop(): Promise<void> }> {
  const binary = requireBinary('haproxy', 'haproxy');
  const port = options.port ?? (await freePort());
  const file = join(mkdtempSync(join(tmpdir(), 'sidechat-haproxy-')), 'haproxy.cfg');
  writeFileSync(file, haproxyConfig(port, options));
  const child = spawn(binary, ['-f', file, '-db'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const failed = once(child, 'exit').then(() => {
    throw new Error(`haproxy exited: ${errors.trim()}`);
  });
  await Promise.race([untilListening(port), failed]);
  failed.catch(() => {});
  return { url: `http://127.0.0.1:${port}`, stop: () => stopProcess(child) };
}
