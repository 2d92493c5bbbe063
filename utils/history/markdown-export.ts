/**
 * One conversation as a Markdown file a person reads: the questions, the replies as written, each
 * function call with what was shared, and how a reply ended when it did not finish.
 */
import { t } from '../i18n';
import type { CallView } from '../contract/port-messages';
import type { ConversationSummary, StoredMessage } from './types';

export interface MarkdownExport {
  fileName: string;
  markdown: string;
}

export function conversationMarkdown(conversation: ConversationSummary, messages: StoredMessage[], exportedAt: Date): MarkdownExport {
  const title = conversation.title || t('conversationsUntitled');
  const parts = [`# ${oneLine(title)}`, `*${t('exportMeta', exportedAt.toISOString().slice(0, 10), messages.length)}*`];
  for (const message of messages) parts.push(...messageMarkdown(message));
  return { fileName: fileNameFor(title, exportedAt), markdown: `${parts.join('\n\n')}\n` };
}

function messageMarkdown(message: StoredMessage): string[] {
  const heading = `## ${message.author === 'user' ? t('authorUser') : t('authorAssistant')}`;
  const parts = [heading, ...(message.calls ?? []).map(callMarkdown)];
  if (message.text.trim()) parts.push(message.text.trim());
  if (message.state === 'stopped') parts.push(`*${t('replyStopped')}*`);
  if (message.state === 'error' && message.error) parts.push(`*${oneLine(message.error)}*`);
  if (message.notice) parts.push(`*${oneLine(message.notice)}*`);
  return parts;
}

function callMarkdown(call: CallView): string {
  const lines = [`> **${t('exportCall')}** \`${call.name}\` — ${oneLine(call.label)}`];
  if (call.note) lines.push('>', `> ${oneLine(call.note)}`);
  if (!call.shared) return lines.join('\n');
  return `${lines.join('\n')}\n\n${t('callShared')}:\n\n${fenced(call.shared)}`;
}

/** Text in a fence longer than any run of backticks inside it, so it shows exactly as shared. */
export function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map(([run]) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** `sidechat-<title in a few words>-<date>.md`: letters and digits of any script, dashes between. */
export function fileNameFor(title: string, date: Date): string {
  const slug = title
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50)
    .replace(/-+$/, '');
  return `sidechat-${slug ? `${slug}-` : ''}${date.toISOString().slice(0, 10)}.md`;
}
