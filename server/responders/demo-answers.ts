/**
 * The demo responder's fixed answers: a greeting, what it can do, what server-sent events are,
 * the markdown showcase, and an echo for everything else. The empty panel suggests some of these
 * prompts (in English and German), so each of those gets a real answer, in its language.
 */
import { MARKDOWN_SHOWCASE } from './markdown-showcase';

export const MAX_COUNT = 10_000;

// Non-ASCII on purpose ("—", "é", an astral emoji): it exercises multi-byte splitting in clients.
const GREETING =
  "Hello! 👋 I'm the demo responder of Sidechat — a built-in, deterministic stand-in for a real model, " +
  'so the extension can be tried end to end without one. Every reply is canned: no model, no network, ' +
  'same question, same answer. For a real model, start the server with SIDECHAT_OPENAI_BASE_URL and ' +
  'SIDECHAT_OPENAI_MODEL set (any OpenAI-compatible API); type "help" to see what I can do. Bonne journée!';

const HELP_EN = [
  "I'm the demo responder, a built-in stand-in for a real model, so my repertoire is small:",
  '',
  '- **hello**: a greeting and a word on what I am',
  '- **help** or **What can you do?**: this list',
  '- **show me markdown**: a reply with everything the panel renders (headings, highlighted code, a table, tasks, a link, an image)',
  '- **Explain server-sent events in two sentences**: what carries these replies',
  `- **count to N**: the numbers 1 to N and nothing else (N up to ${MAX_COUNT}), handy for long streams`,
  '- **summarize this page**: I ask to read the page you are on (you decide) and pick its key sentences',
  '- **find WORDS**: I search the page for them',
  '',
  'Anything else I quote back, with the turn of the session it is.',
].join('\n');

const HELP_DE = [
  'Ich bin der Demo-Responder, ein eingebauter Ersatz für ein echtes Modell, und kann nicht viel:',
  '',
  '- **hello**: eine Begrüßung und ein Wort dazu, was ich bin',
  '- **help** oder **Was kannst du?**: diese Liste',
  '- **show me markdown**: eine Antwort mit allem, was das Panel darstellt (Überschriften, hervorgehobener Code, eine Tabelle, Aufgaben, ein Link, ein Bild)',
  '- **Erkläre Server-Sent Events in zwei Sätzen**: was diese Antworten überträgt',
  `- **count to N**: die Zahlen 1 bis N und sonst nichts (N bis ${MAX_COUNT}), praktisch für lange Streams`,
  '- **summarize this page**: ich bitte darum, die Seite zu lesen (Sie entscheiden) und wähle ihre Kernsätze aus',
  '- **find WÖRTER**: ich suche sie auf der Seite',
  '',
  'Alles andere zitiere ich zurück, mit der Nummer der Runde in dieser Sitzung.',
].join('\n');

const SSE_EN =
  'Server-sent events (SSE) let a server push a stream of text events to the browser over one long-lived HTTP response, ' +
  'each event a few `data:` lines ended by a blank line. The client handles each event as it arrives, which is how ' +
  'Sidechat shows a reply word by word while it is still being written.';

const SSE_DE =
  'Mit Server-Sent Events (SSE) schickt ein Server über eine einzige, lange offene HTTP-Antwort einen Strom von ' +
  'Text-Ereignissen an den Browser, jedes aus ein paar `data:`-Zeilen und einer Leerzeile. Der Client verarbeitet ' +
  'jedes Ereignis, sobald es ankommt – so zeigt Sidechat eine Antwort Wort für Wort, während sie noch geschrieben wird.';

/** Prompts matched whole, after trimming, lower-casing and dropping end punctuation; first match wins. */
const ANSWERS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:hello|hi|hey)\b/, GREETING],
  [/^(?:help|what can you do|what do you do)$/, HELP_EN],
  [/^(?:hilfe|was kannst du(?: alles)?(?: tun)?)$/, HELP_DE],
  [/^(?:show me (?:some )?markdown|markdown(?: demo| showcase)?)$/, MARKDOWN_SHOWCASE],
  // Matched anywhere in the message ("what are server-sent events?"); German when it reads German.
  [/server[- ]sent[- ]events?.*(?:erklär|sätze)|(?:erklär|was sind).*server[- ]sent[- ]events?/, SSE_DE],
  [/\bserver[- ]sent[- ]events?\b|\bsse\b/, SSE_EN],
];

/** The answer to `message`: a fixed one when it is a prompt the demo knows, else an echo of it. */
export function demoAnswer(message: string, turnNumber: number): string {
  const prompt = message.trim().toLowerCase().replace(/\s+/g, ' ').replace(/[\s.!?]+$/, '');
  const known = ANSWERS.find(([pattern]) => pattern.test(prompt));
  if (known) return known[1];
  return (
    `You said: “${message.trim()}”. This is turn ${turnNumber} of this session. ` +
    "I'm only the demo responder, so I repeat rather than answer; type \"help\" to see what else I can do."
  );
}
