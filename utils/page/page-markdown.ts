/**
 * A page's content as Markdown, in the page: turndown, with the GFM plugin for tables, task
 * lists and strikethrough. Headings, lists, links and code (with its language) are kept; scripts,
 * styles and embedded frames are not. Reads a copy: the page itself is never touched.
 */
import TurndownService from 'turndown';
import { gfm } from '@joplin/turndown-plugin-gfm';

let service: TurndownService | undefined;

function markdownService(): TurndownService {
  if (service) return service;
  service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', fence: '```', bulletListMarker: '-', emDelimiter: '*', hr: '---' });
  service.use(gfm);
  service.remove(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'canvas', 'form', 'button', 'select', 'input', 'textarea']);
  // An inline SVG is a picture without words: nothing to read.
  service.remove((node) => node.nodeName.toLowerCase() === 'svg');
  return service;
}

export function toMarkdown(content: Node): string {
  return markdownService()
    .turndown(content as HTMLElement)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
