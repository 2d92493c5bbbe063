/**
 * Cutting a page's Markdown to the size budget where a reader would: before a heading (a whole
 * section less), else between blocks, never inside a code fence, and only as a last resort
 * inside a paragraph, at a word.
 */

/** A cut that keeps less than this share of the budget is worth giving up for a finer one. */
const KEEP_AT_LEAST = 0.5;

export interface BudgetedText {
  text: string;
  truncated: boolean;
}

export function cutToBudget(markdown: string, budget: number): BudgetedText {
  if (markdown.length <= budget) return { text: markdown, truncated: false };
  const { sections, blocks } = boundaries(markdown);
  const best = (offsets: number[]) => offsets.filter((at) => at <= budget && at >= budget * KEEP_AT_LEAST).at(-1);
  const at = best(sections) ?? best(blocks);
  if (at !== undefined) return { text: markdown.slice(0, at).trimEnd(), truncated: true };
  const word = markdown.lastIndexOf(' ', budget);
  return { text: markdown.slice(0, word > budget * 0.8 ? word : budget).trimEnd(), truncated: true };
}

/** Offsets where a heading line starts, and where a block starts after a blank line, outside fences. */
function boundaries(markdown: string): { sections: number[]; blocks: number[] } {
  const sections: number[] = [];
  const blocks: number[] = [];
  let fence: string | undefined;
  let offset = 0;
  let afterBlank = false;
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) {
      if (offset > 0 && /^#{1,6}\s/.test(line)) sections.push(offset);
      else if (afterBlank && line.trim()) blocks.push(offset);
      if (marker) fence = marker;
    } else if (marker && marker[0] === fence[0] && marker.length >= fence.length && !line.trim().slice(marker.length).trim()) {
      fence = undefined;
    }
    afterBlank = fence === undefined && line.trim() === '';
    offset += line.length + 1;
  }
  return { sections, blocks };
}
