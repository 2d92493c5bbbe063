/**
 * The bare baseline: the same stream read in a plain web page with fetch and
 * eventsource-parser, each content event appended to one text node. No extension relay, no
 * framework, no markdown — the least work a page can do to show a stream.
 */
import { EventSourceParserStream } from 'eventsource-parser/stream';

async function stream(url: string, message: string): Promise<number> {
  const out = document.getElementById('out')!;
  const node = out.appendChild(document.createTextNode(''));
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    // A requestId, as Sidechat sends: the server then streams through its replay buffer for both sides alike.
    body: JSON.stringify({ message, requestId: crypto.randomUUID() }),
  });
  const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream()).getReader();
  for (;;) {
    const { done, value } = await events.read();
    if (done) break;
    const event = JSON.parse(value.data) as { type: string; data?: string };
    if (event.type === 'content') node.appendData(event.data ?? '');
    if (event.type === 'done' || event.type === 'error') break;
  }
  return node.length;
}

Object.assign(window, { sidechatBaseline: { stream } });
