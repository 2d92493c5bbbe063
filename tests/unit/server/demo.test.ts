import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { SUGGESTIONS } from '@/components/panel/EmptyState';
import { RegularReplySchema } from '@/utils/contract/sidechat-wire';
import { contentText, readEvents, startServer } from './helpers';

const localesDir = join(import.meta.dirname, '../../../public/_locales');
const suggestions = readdirSync(localesDir).flatMap((lang) => {
  const catalogue: Record<string, { message: string }> = JSON.parse(readFileSync(join(localesDir, lang, 'messages.json'), 'utf8'));
  return SUGGESTIONS.map((key) => [lang, catalogue[key].message] as const);
});

async function ask(message: string): Promise<string> {
  const { post } = await startServer();
  return v.parse(RegularReplySchema, await (await post('regular', { message })).json()).content;
}

const sentences = (text: string) => text.split(/(?<=[.!?])\s+(?=\S)/);

describe('demo responder: the empty panel’s suggestions and the markdown showcase', () => {
  it('suggests at least four prompts in each language', () => {
    expect(suggestions.length).toBeGreaterThanOrEqual(8);
  });

  it.each(suggestions)('%s: “%s” gets a real answer, the same each time, streamed as in regular mode', async (_lang, prompt) => {
    const { post } = await startServer();
    const streamed = contentText(await readEvents(await post('stream', { message: prompt })));
    expect(streamed).not.toMatch(/^You said:/);
    expect(streamed).not.toMatch(/repeat rather than answer/);
    expect(await ask(prompt)).toBe(streamed);
  });

  it('“What can you do?” lists every prompt the demo knows, in the language it was asked in', async () => {
    const english = await ask('What can you do?');
    expect(await ask('help')).toBe(english);
    for (const prompt of ['hello', 'show me markdown', 'Explain server-sent events in two sentences', 'count to N', 'summarize this page', 'find WORDS']) {
      expect(english).toContain(`**${prompt}**`);
    }
    const german = await ask('Was kannst du?');
    expect(german).toMatch(/^Ich bin der Demo-Responder/);
    expect(german).toContain('**Erkläre Server-Sent Events in zwei Sätzen**');
  });

  it('explains server-sent events in two sentences, in English or German', async () => {
    const english = await ask('Explain server-sent events in two sentences');
    expect(sentences(english)).toHaveLength(2);
    expect(english).toMatch(/^Server-sent events \(SSE\) let a server push/);
    expect(await ask('what are SSE?')).toBe(english);
    const german = await ask('Erkläre Server-Sent Events in zwei Sätzen');
    expect(sentences(german)).toHaveLength(2);
    expect(german).toMatch(/^Mit Server-Sent Events \(SSE\) schickt ein Server/);
  });

  it('“show me markdown” shows headings, highlighted code, a table, tasks, a link and an image', async () => {
    const reply = await ask('Show me markdown!');
    const tokens = marked.lexer(reply);
    const all = [...walk(tokens)];
    const of = <T>(type: string) => all.filter((t) => t.type === type) as T[];
    expect(of<Tokens.Heading>('heading').map((h) => [h.depth, h.text])).toEqual([
      [2, 'Markdown, rendered'],
      [3, 'Highlighted code'],
      [3, 'A table, and tasks'],
    ]);
    expect(of<Tokens.Code>('code').map((c) => c.lang)).toEqual(['typescript']);
    expect(of<Tokens.Table>('table').map((t) => [t.header.length, t.rows.length])).toEqual([[3, 3]]);
    expect(of<Tokens.ListItem>('list_item').map((i) => [i.task, i.checked])).toEqual([
      [true, true],
      [true, true],
      [true, false],
    ]);
    expect(of<Tokens.Link>('link').map((l) => l.href)).toEqual(['https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events']);
    expect(of<Tokens.Image>('image').map((i) => new URL(i.href).protocol)).toEqual(['https:']);
  });

  it('starts the showcase on a block of its own after a shared page, and keeps the greeting inline', async () => {
    const { post } = await startServer();
    const context = { url: 'http://127.0.0.1/a', title: 'A page', selection: '' };
    const showcase = v.parse(RegularReplySchema, await (await post('regular', { message: 'show me markdown', context })).json());
    expect(showcase.content).toMatch(/^You shared “A page” \(http:\/\/127\.0\.0\.1\/a\)\.\n\n## Markdown, rendered\n/);
    const greeting = v.parse(RegularReplySchema, await (await post('regular', { message: 'hello', context })).json());
    expect(greeting.content).toMatch(/^You shared “A page” \(http:\/\/127\.0\.0\.1\/a\)\. Hello! 👋/);
  });

  it('still echoes what it does not know, with the turn number', async () => {
    expect(await ask('tell me a joke')).toBe(
      'You said: “tell me a joke”. This is turn 1 of this session. I\'m only the demo responder, so I repeat rather than answer; type "help" to see what else I can do.',
    );
  });
});

/** Every token, nested ones included (list items, table cells, inline tokens). */
function* walk(tokens: readonly Tokens.Generic[]): Generator<Tokens.Generic> {
  for (const token of tokens) {
    yield token;
    const children = [token.tokens, token.items, token.header, ...(token.rows ?? [])].flat().filter(Boolean) as Tokens.Generic[];
    yield* walk(children.flatMap((child) => (child.type ? [child] : (child.tokens ?? []))));
  }
}
