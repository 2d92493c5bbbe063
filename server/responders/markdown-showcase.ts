/**
 * The demo's answer to "show me markdown": one reply with each thing the panel's renderer does,
 * so a first run shows it (and the README's screenshot is one a new user can take). Fixed text:
 * the demo is deterministic. Short lines, so it reads in a narrow panel.
 */

// A well-known, long-lived file (the Markdown mark on Wikimedia Commons): the panel fetches it
// only if the user clicks its placeholder, and then with no referrer.
const IMAGE_URL = 'https://upload.wikimedia.org/wikipedia/commons/4/48/Markdown-mark.svg';

export const MARKDOWN_SHOWCASE = [
  '## Markdown, rendered',
  '',
  'Replies are **markdown**, drawn as they stream: *emphasis*, `inline code`, and',
  '[links](https://developer.mozilla.org/en-US/docs/Web/API/Server-sent_events) that open in a new tab.',
  '',
  '### Highlighted code',
  '',
  '```typescript',
  'for await (const event of events) {',
  "  if (event.type === 'content') {",
  '    show(event.data);',
  '  }',
  '}',
  '```',
  '',
  '### A table, and tasks',
  '',
  '| Event | Carries | Ends the reply |',
  '|---|---|:---:|',
  '| `content` | text | no |',
  '| `done` | the usage | yes |',
  '| `error` | a message | yes |',
  '',
  '- [x] stream the reply',
  '- [x] render it as it arrives',
  '- [ ] ~~freeze the page~~',
  '',
  `> Images wait for a click: ![The Markdown mark](${IMAGE_URL})`,
].join('\n');
