/**
 * The link reference definitions of a text being split into blocks. A definition changes how
 * `[text][label]` reads anywhere in the text, before it too: every block is lexed with all the
 * definitions in the text, and when those change, everything is lexed again.
 */
import type { Links, Token, Tokens } from 'marked';

type Definition = [tag: string, link: Links[string]];

const NO_DEFINITIONS: Definition[] = [];

export function createLinkDefinitions() {
  /** Per complete block, in order: the definitions it makes. */
  let madeBy: Definition[][] = [];
  /** Made by complete blocks (the first of a label wins, as in marked). */
  let committed: Links = {};
  /** Every definition in the text as last seen: what all blocks are lexed with. */
  let lexedWith: Links = {};

  return {
    lexedWith: () => lexedWith,
    /** A block became complete; a raw run makes no definitions. */
    commit(block: Token | null): void {
      const made = block ? definitionsIn([block]) : NO_DEFINITIONS;
      for (const [tag, link] of made) committed[tag] ??= link;
      madeBy.push(made);
    },
    /** Whether `tokens` define a label not known yet (then taken in: everything is lexed again). */
    adds(tokens: Token[]): boolean {
      const added = definitionsIn(tokens).filter(([tag]) => lexedWith[tag] === undefined);
      if (added.length === 0) return false;
      lexedWith = { ...lexedWith };
      for (const [tag, link] of added) lexedWith[tag] ??= link;
      return true;
    },
    /**
     * The whole tail after the complete blocks was lexed into `tail`: the definitions in the text
     * are known exactly. Whether they differ from what was lexed with (then everything is lexed again).
     */
    changedWith(tail: Token[]): boolean {
      const all = { ...committed };
      for (const [tag, link] of definitionsIn(tail)) all[tag] ??= link;
      if (sameLinks(all, lexedWith)) return false;
      lexedWith = all;
      return true;
    },
    /**
     * Keeps the definitions of the first `count` complete blocks. False when those blocks were
     * read with definitions from the part that changed: then nothing is kept, and all is lexed again.
     */
    keep(count: number): boolean {
      const kept: Links = {};
      for (const made of madeBy.slice(0, count)) for (const [tag, link] of made) kept[tag] ??= link;
      if (!sameLinks(kept, lexedWith)) {
        madeBy = [];
        committed = {};
        lexedWith = {};
        return false;
      }
      madeBy.length = count;
      committed = kept;
      return true;
    },
    /** No block is complete any more; what the text defines stays known. */
    restart(): void {
      madeBy = [];
      committed = {};
    },
  };
}

/** The link definitions tokens make, in order, also inside quotes and list items. */
function definitionsIn(tokens: Token[]): Definition[] {
  const found: Definition[] = [];
  const visit = (list: Token[] | undefined) => {
    for (const token of list ?? []) {
      if (token.type === 'def') found.push([token.tag, { href: token.href, title: token.title }]);
      else if (token.type === 'blockquote') visit((token as Tokens.Blockquote).tokens);
      else if (token.type === 'list') for (const item of (token as Tokens.List).items) visit(item.tokens);
    }
  };
  visit(tokens);
  return found.length ? found : NO_DEFINITIONS;
}

function sameLinks(a: Links, b: Links): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => b[key] !== undefined && a[key].href === b[key].href && a[key].title === b[key].title);
}
