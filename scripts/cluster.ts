/**
 * `npm run cluster [-- -n N] [--port P] [--wps N]`: a real deployment on this machine —
 * redis-server, N endpoint instances sharing it, and HAProxy in front (docs/deployment.md) —
 * all on loopback. Prints the one URL to put in Options; Ctrl-C stops everything.
 */
import { parseArgs } from 'node:util';
import { startInstance, type Instance } from '../server/cluster/instances';
import { freePort, startHaproxy, startRedis } from '../server/cluster/local-servers';

const { values } = parseArgs({
  options: {
    n: { type: 'string', short: 'n', default: '2' },
    port: { type: 'string', default: '8787' },
    wps: { type: 'string' },
  },
});
const count = Number(values.n);
const port = Number(values.port);
if (!Number.isInteger(count) || count < 1 || !Number.isInteger(port) || port < 0) {
  console.error(`-n must be a positive integer and --port a port number, got -n ${values.n} --port ${values.port}`);
  process.exit(2);
}

const stops: (() => Promise<void>)[] = [];
const stopAll = async () => {
  for (const stop of stops.reverse()) await stop().catch(() => {});
};
try {
  const redis = await startRedis();
  stops.push(() => redis.stop());
  const instances: Instance[] = await Promise.all(
    Array.from({ length: count }, () => startInstance(['--redis', redis.url, ...(values.wps ? ['--wps', values.wps] : [])])),
  );
  for (const instance of instances) stops.push(() => instance.stop('SIGKILL'));
  const proxy = await startHaproxy({ backends: instances.map((instance) => instance.port), port: port || (await freePort()) });
  stops.push(() => proxy.stop());
  console.log(`redis-server: ${redis.url}`);
  for (const [index, instance] of instances.entries()) console.log(`instance ${index + 1}: ${instance.url} (pid ${instance.child.pid})`);
  console.log(`\nEndpoint URL for Sidechat's Options: ${proxy.url}   Project ID: any, e.g. demo`);
  console.log('Try: kill -TERM <pid> (graceful) or kill -KILL <pid> (crash) on an instance while a reply streams. Ctrl-C stops all.');
} catch (error) {
  console.error((error as Error).message);
  await stopAll();
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stopAll().then(() => process.exit(0)));
