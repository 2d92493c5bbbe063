// The reader tells when a reply is delivered in full: a client may hang up right after the last
// event, before the response has ended, and that is not a reply cut short.
import { describe, expect, it } from 'vitest';
import { ReplyJob } from '@/server/reply-job';
import { readReply } from '@/server/reply-reader';
import type { SseStream } from '@/server/sse';
import type { StreamEvent } from '@/utils/contract/sidechat-wire';

async function* threeWords(): AsyncIterable<StreamEvent> {
  for (const data of ['one ', 'two ', 'three']) yield { type: 'content', data };
  yield { type: 'done' };
}

function recordingStream(log: string[]): SseStream {
  let closed = false;
  return {
    async write(text) {
      log.push(`write ${text.match(/"type":"(\w+)"/g)?.join(',')}`);
    },
    end() {
      closed = true;
      log.push('end');
    },
    get closed() {
      return closed;
    },
    whenClosed: new Promise(() => {}),
  };
}

describe('reading a reply to a connection', () => {
  it('says the reply is delivered once its last event is written, before the response ends', async () => {
    const job = new ReplyJob(threeWords, { ids: true, replayable: true, detachMs: 0 });
    await job.settled;
    const log: string[] = [];
    await readReply(job, recordingStream(log), { afterId: 0, drop: () => log.push('drop'), ended: (complete) => log.push(complete ? 'delivered' : 'cut short') });
    expect(log.at(-3)).toMatch(/"type":"done"/);
    expect(log.slice(-2)).toEqual(['delivered', 'end']);
  });

  it('never says so for a reply aborted before its end (Stop cancels it)', async () => {
    const job = new ReplyJob(async function* (signal) {
      for (let i = 0; !signal.aborted; i++) {
        yield { type: 'content', data: `${i} ` };
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }, { ids: true, replayable: true, detachMs: 60_000 });
    const log: string[] = [];
    const reading = readReply(job, recordingStream(log), { afterId: 0, drop: () => log.push('drop'), ended: (complete) => log.push(complete ? 'delivered' : 'cut short') });
    await new Promise((resolve) => setTimeout(resolve, 20));
    job.abort();
    await reading;
    expect(log.slice(-2)).toEqual(['cut short', 'end']);
  });

  it('never says so for a connection cut before the last event', async () => {
    const job = new ReplyJob(threeWords, { ids: true, replayable: true, detachMs: 0 });
    await job.settled;
    const log: string[] = [];
    await readReply(job, recordingStream(log), { afterId: 0, dropAfterEvents: 2, drop: () => log.push('drop'), ended: (complete) => log.push(complete ? 'delivered' : 'cut short') });
    expect(log).not.toContain('delivered');
    expect(log.at(-1)).toBe('drop');
  });
});
