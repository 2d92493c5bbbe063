/**
 * The built extension against a real deployment: two instances sharing redis-server behind
 * HAProxy (docs/deployment.md), all on free loopback ports. Chromium only: it tests the
 * endpoint's failover, which is the same for either browser.
 */
import assert from 'node:assert/strict';
import { startInstance, type Instance } from '../../server/cluster/instances';
import { startHaproxy, startRedis } from '../../server/cluster/local-servers';
import { connectRedis } from '../../server/redis/connection';
import { configure, countTo, ENDED, send, waitForReply, type Scenario, type TestServer } from './scenarios';

export const clusterScenarios: Record<string, Scenario> = {
  async 'behind HAProxy, the instance serving a reply is killed: the text so far stays, failed with Retry, and the next message works'(ctx) {
    const redis = await startRedis();
    const instances: Instance[] = [];
    const probe = connectRedis(redis.url, 'e2e-probe');
    let proxy: { url: string; stop(): Promise<void> } | undefined;
    try {
      const args = ['--redis', redis.url, '--wps', '20', '--lease-ms', '800'];
      instances.push(...(await Promise.all([startInstance(args), startInstance(args)])));
      proxy = await startHaproxy({ backends: instances.map((instance) => instance.port) });
      await configure(ctx, { url: proxy.url } as TestServer);
      const panel = await ctx.openPanel();
      await send(panel, 'count to 200');
      const partial = await waitForReply(panel, { states: ['streaming'], minText: 20 }, 'the reply to be streaming');

      // The owner is the instance whose id the reply's hash names.
      const [key] = (await probe.keys('sidechat:reply:*')).filter((name) => !/:(events|lease|readers)$/.test(name));
      const owner = await probe.hget(key, 'owner');
      const serving = instances.find((instance) => instance.id === owner);
      assert.ok(serving, `no instance owns ${key} (owner ${owner})`);
      await serving.stop('SIGKILL');

      const reply = await waitForReply(panel, { states: ENDED }, 'the reply to end after its instance died', 20_000);
      assert.equal(reply.state, 'error', `expected a failed reply, got ${reply.state}`);
      assert.match(reply.alert ?? '', /restarted/i);
      assert.ok(reply.text.length >= partial.text.length, 'the text written before the kill was lost');
      assert.ok(countTo(200).startsWith(reply.text.trim()), `the kept text is not the reply's start: ${reply.text.slice(0, 80)}`);

      await send(panel, 'count to 3');
      const next = await waitForReply(panel, { states: ENDED, nth: 2 }, 'the next reply, from the surviving instance', 20_000);
      assert.equal(next.state, 'done', `the next reply failed: ${next.alert}`);
      assert.equal(next.text, '1 2 3');
    } finally {
      probe.disconnect();
      await proxy?.stop();
      await Promise.all(instances.map((instance) => instance.stop('SIGKILL')));
      await redis.stop();
    }
  },
};
clusterScenarios[Object.keys(clusterScenarios)[0]].timeoutMs = 60_000;
