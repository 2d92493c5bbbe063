// @vitest-environment jsdom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MessageView } from '@/components/panel/MessageView';
import { loadMarkdownRenderer } from '@/components/panel/MarkdownView';
import { applyEvent, makeMessage, messageFromSnapshot, type ChatMessage } from '@/utils/panel/message-model';
import { englishMessage } from '../setup/i18n';

// jsdom and wxt/browser do not mix (see markdown-safety.test.ts): answer in English directly.
vi.mock('@/utils/i18n', () => ({ t: (key: string, ...values: unknown[]) => englishMessage(key, values.map(String)) }));

/** 256 KB of plain words: more than the renderer puts on screen in one frame. */
const LONG = Array.from({ length: 40_000 }, (_, i) => `word${i % 97}`).join(' ').slice(0, 256 * 1024);

let container: HTMLElement;
let frames: Array<() => void> = [];

beforeEach(() => {
  container = document.body.appendChild(document.createElement('div'));
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => frames.push(callback));
});
afterEach(() => {
  render(null, container);
  container.remove();
  vi.unstubAllGlobals();
});

async function show(message: ChatMessage): Promise<void> {
  await loadMarkdownRenderer();
  await act(async () => render(<MessageView message={message} isLast onRetry={() => {}} onConsent={() => {}} />, container));
}

const article = () => container.querySelector<HTMLElement>('article')!;
const shownLength = () => article().querySelector('.text')!.textContent!.length;
const runFrame = () =>
  act(() => {
    const due = frames;
    frames = [];
    due.forEach((callback) => callback());
  });

/** Runs frames until the reply says it ended; returns how much of its text was on screen then. */
async function untilEnded(): Promise<number> {
  for (let i = 0; i < 1000 && !['done', 'error'].includes(article().dataset.state!); i++) await runFrame();
  return shownLength();
}

describe('a reply says it is done only once its whole text is on screen', () => {
  it('a long streamed reply stays "streaming" while the renderer catches up, then is done with all of it', async () => {
    const message = makeMessage('r', 'assistant', '', 'pending', 'q');
    await show(message);
    await act(() => {
      applyEvent(message, { type: 'chunk', replyId: 'r', delta: LONG });
      applyEvent(message, { type: 'done', replyId: 'r', usage: { cost: 0.01 } });
    });
    expect(shownLength()).toBeLessThan(LONG.length);
    expect(article().dataset.state).toBe('streaming');
    expect(container.querySelector('.usage, .regenerate, .copy-reply')).toBeNull();
    expect(await untilEnded()).toBe(LONG.length);
    expect(article().dataset.state).toBe('done');
    expect(container.querySelector('.regenerate')).not.toBeNull();
  });

  it('an error keeps its text and shows once all of it is on screen', async () => {
    const message = makeMessage('r', 'assistant', '', 'pending', 'q');
    await show(message);
    await act(() => {
      applyEvent(message, { type: 'chunk', replyId: 'r', delta: LONG });
      applyEvent(message, { type: 'error', replyId: 'r', message: 'The reply was interrupted.' });
    });
    expect(article().dataset.state).toBe('streaming');
    expect(await untilEnded()).toBe(LONG.length);
    expect(article().dataset.state).toBe('error');
  });

  it('Stop shows at once, with all the text received so far on screen', async () => {
    const message = makeMessage('r', 'assistant', '', 'pending', 'q');
    await show(message);
    await act(() => applyEvent(message, { type: 'chunk', replyId: 'r', delta: LONG }));
    expect(shownLength()).toBeLessThan(LONG.length);
    await act(() => applyEvent(message, { type: 'stopped', replyId: 'r' }));
    expect(article().dataset.state).toBe('stopped');
    expect(shownLength()).toBe(LONG.length);
  });

  it('a reopened finished reply is done once its text is rendered', async () => {
    const message = messageFromSnapshot({ id: 'r', seq: 1, author: 'assistant', text: LONG, state: 'done', prompt: 'q' });
    await show(message);
    expect(article().dataset.state).not.toBe('done');
    expect(await untilEnded()).toBe(LONG.length);
    expect(article().dataset.state).toBe('done');
  });

  it('a short reply is done at once', async () => {
    const message = makeMessage('r', 'assistant', '', 'pending', 'q');
    await show(message);
    await act(() => {
      applyEvent(message, { type: 'chunk', replyId: 'r', delta: 'Hello.' });
      applyEvent(message, { type: 'done', replyId: 'r' });
    });
    expect(article().dataset.state).toBe('done');
    expect(shownLength()).toBe('Hello.'.length);
  });
});
