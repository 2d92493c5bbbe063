/**
 * One load-generating process of `npm run bench:server`: opens `streams` SSE streams to `url`
 * (ramped), reads each to its end, and prints one JSON line: latencies (the firehose's stamp to
 * this read), errors, completions. Several run at once: one process holds at most ~9,000 sockets.
 */
import { request, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { createGunzip } from 'node:zlib';

const [url, streamsArg, message, rampArg, gzipArg] = process.argv.slice(2);
const streams = Number(streamsArg);
const rampPerSecond = Number(rampArg);
const gzip = gzipArg === 'gzip';
const agent = new Agent({ keepAlive: false, maxSockets: Infinity });
const latencies: number[] = [];
const errors: string[] = [];
let completed = 0;
let open = 0;
let peakOpen = 0;

function stream(index: number): Promise<void> {
  return new Promise((resolve) => {
    const fail = (why: string) => {
      if (errors.length < 20 || !errors.includes(why)) errors.push(why);
      resolve();
    };
    const body = JSON.stringify({ message, requestId: `bench-${process.pid}-${index}` });
    const req = request(`${url}/api/v1/ai/projects/bench/chat/stream`, {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream', 'Accept-Encoding': gzip ? 'gzip' : 'identity' },
    });
    req.on('error', (error) => fail(error.message));
    req.on('response', (res) => {
      if (res.statusCode !== 200) return fail(`status ${res.statusCode}`);
      open++;
      peakOpen = Math.max(peakOpen, open);
      const text = gzip ? res.pipe(createGunzip()) : res;
      let buffer = '';
      let done = false;
      text.setEncoding('utf8');
      text.on('data', (chunk: string) => {
        const now = performance.timeOrigin + performance.now();
        buffer += chunk;
        const frames = buffer.split('\n\n');
        buffer = frames.pop()!;
        for (const frame of frames) {
          const data = frame.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          const event = JSON.parse(data.slice(6));
          if (event.type === 'content') {
            const stamp = /@([\d.]+)/.exec(event.data);
            if (stamp) latencies.push(now - Number(stamp[1]));
          } else if (event.type === 'done') done = true;
          else if (event.type === 'error') fail(`error event: ${event.code}`);
        }
      });
      text.on('end', () => {
        open--;
        if (done) completed++;
        else fail('ended without done');
        resolve();
      });
      text.on('error', (error) => {
        open--;
        fail(error.message);
      });
    });
    req.end(body);
  });
}

const all: Promise<void>[] = [];
for (let index = 0; index < streams; index++) {
  all.push(stream(index));
  if ((index + 1) % Math.max(1, Math.round(rampPerSecond / 10)) === 0) await new Promise((resolve) => setTimeout(resolve, 100));
}
process.stdout.write(`${JSON.stringify({ event: 'opened' })}\n`);
await Promise.all(all);
latencies.sort((a, b) => a - b);
const quantile = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
process.stdout.write(`${JSON.stringify({ event: 'result', completed, errors, peakOpen, samples: latencies.length, p50: quantile(0.5), p99: quantile(0.99) })}\n`);
