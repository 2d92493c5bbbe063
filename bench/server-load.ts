/**
 * `npm run bench:server [-- --smoke] [--sizes 1000,10000] [--proxy 4000] [--seconds 10]`: the
 * endpoint under many concurrent SSE streams, paced like a model (20 events/s each), in memory
 * mode and with Redis, on one instance and through HAProxy with two; plus the memory an idle
 * open stream costs, without and with gzip (tuned and zlib's default). Servers, Redis, HAProxy
 * and the load generators are separate processes on this machine's loopback: the generators
 * share the cores with the server, so the figures say what was CPU-bound.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInstance, type Instance } from '../server/cluster/instances';
import { startHaproxy, startRedis } from '../server/cluster/local-servers';

const { values } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string', default: '1000,10000' },
    proxy: { type: 'string', default: '4000' },
    seconds: { type: 'string', default: '10' },
  },
});
const CLIENT = fileURLToPath(new URL('./server-load-client.ts', import.meta.url));
/** Streams per load-generating process: each holds one descriptor per stream. */
const PER_CLIENT = 2500;
const RAMP_PER_SECOND = 2000;

interface Scenario {
  name: string;
  streams: number;
  redis?: boolean;
  proxied?: boolean;
  gzip?: boolean;
  zlibDefault?: boolean;
  /** Measure the memory of open, silent streams, then cut them (no latency). */
  idle?: boolean;
  seconds: number;
}

interface ClientResult {
  completed: number;
  errors: string[];
  samples: number;
  p50: number;
  p99: number;
}

const memoryOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const cpuTicksOf = (pid: number) => readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ').slice(11, 13).reduce((sum, ticks) => sum + Number(ticks), 0);

async function run(scenario: Scenario) {
  const stops: (() => Promise<void>)[] = [];
  try {
    const redis = scenario.redis ? await startRedis() : undefined;
    if (redis) stops.push(() => redis.stop());
    const args = ['--firehose', ...(redis ? ['--redis', redis.url] : []), ...(scenario.zlibDefault ? ['--zlib-default'] : [])];
    const instances: Instance[] = await Promise.all(Array.from({ length: scenario.proxied ? 2 : 1 }, () => startInstance(args)));
    for (const instance of instances) stops.push(() => instance.stop('SIGKILL'));
    const proxy = scenario.proxied ? await startHaproxy({ backends: instances.map((instance) => instance.port) }) : undefined;
    if (proxy) stops.push(() => proxy.stop());
    const url = proxy?.url ?? instances[0].url;
    const pids = instances.map((instance) => instance.child.pid!);
    const rss = () => pids.reduce((sum, pid) => sum + memoryOf(pid), 0);
    const ticks = () => pids.reduce((sum, pid) => sum + cpuTicksOf(pid), 0);
    const baseline = rss();
    const message = scenario.idle ? 'words 2 every 600000 ms stamped' : `words ${scenario.seconds * 20} every 50 ms stamped`;
    const clients = Math.ceil(scenario.streams / PER_CLIENT);
    const started = Date.now();
    const startTicks = ticks();
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rss())), 250);
    const results = await Promise.all(
      Array.from({ length: clients }, (_, index) => {
        const share = Math.floor(scenario.streams / clients) + (index < scenario.streams % clients ? 1 : 0);
        return client(url, share, message, scenario);
      }),
    );
    clearInterval(sampler);
    const seconds = (Date.now() - started) / 1000;
    const cpu = (ticks() - startTicks) / 100 / seconds;
    const open = Math.max(...results.map((result) => result.openRss ?? 0));
    const perStreamKb = ((scenario.idle ? open : peak) - baseline) / scenario.streams / 1024;
    const errors = results.flatMap((result) => result.errors);
    return {
      scenario: scenario.name,
      streams: scenario.streams,
      'KB/stream': Math.round(perStreamKb),
      'p50 ms': scenario.idle ? '' : round(median(results.map((result) => result.p50))),
      'p99 ms': scenario.idle ? '' : round(Math.max(...results.map((result) => result.p99))),
      'server CPU': `${Math.round(cpu * 100)} %`,
      completed: scenario.idle ? '' : results.reduce((sum, result) => sum + result.completed, 0),
      errors: errors.length ? `${errors.length}: ${[...new Set(errors)].slice(0, 2).join('; ')}` : 0,
      seconds: Math.round(seconds),
    };

    function client(target: string, streams: number, text: string, { idle }: Scenario) {
      return new Promise<ClientResult & { openRss?: number }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CLIENT, target, String(streams), text, String(RAMP_PER_SECOND / clients), scenario.gzip ? 'gzip' : ''], { stdio: ['ignore', 'pipe', 'inherit'] });
        let output = '';
        let openRss: number | undefined;
        child.stdout.on('data', async (chunk: Buffer) => {
          output += chunk.toString();
          if (idle && output.includes('"opened"') && openRss === undefined) {
            openRss = 0;
            await new Promise((r) => setTimeout(r, 3000));
            openRss = rss();
            child.kill('SIGKILL');
          }
        });
        child.on('exit', () => {
          const line = output.split('\n').find((l) => l.includes('"result"'));
          if (line) resolve({ ...JSON.parse(line), openRss });
          else if (idle) resolve({ completed: 0, errors: [], samples: 0, p50: NaN, p99: NaN, openRss });
          else reject(new Error(`load client failed: ${output}`));
        });
      });
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  }
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 10) / 10 : '–');

const seconds = Number(values.seconds);
const sizes = values.smoke ? [50] : values.sizes.split(',').map(Number);
const proxied = values.smoke ? 50 : Number(values.proxy);
const idleSize = values.smoke ? 50 : Math.min(...sizes.filter(Boolean), 2000);
const scenarios: Scenario[] = [
  { name: 'idle, no gzip', streams: idleSize, idle: true, seconds },
  { name: 'idle, gzip (4 KB window, memLevel 5)', streams: idleSize, idle: true, gzip: true, seconds },
  { name: 'idle, gzip (zlib default)', streams: idleSize, idle: true, gzip: true, zlibDefault: true, seconds },
  ...sizes.flatMap((streams) => [
    { name: 'memory, 20 ev/s', streams, seconds: values.smoke ? 2 : seconds },
    { name: 'Redis, 20 ev/s', streams, redis: true, seconds: values.smoke ? 2 : seconds },
  ]),
  { name: 'HAProxy + 2 instances + Redis', streams: proxied, redis: true, proxied: true, seconds: values.smoke ? 2 : seconds },
];
const rows = [];
for (const scenario of scenarios) {
  const row = await run(scenario);
  console.log(JSON.stringify(row));
  rows.push(row);
}
console.table(rows);
const failed = rows.filter((row) => row.errors !== 0);
if (values.smoke && failed.length > 0) {
  console.error(`bench:server smoke: errors in ${failed.map((row) => row.scenario).join(', ')}`);
  process.exit(1);
}
