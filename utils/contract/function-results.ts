/**
 * The shapes of what the page functions return. The extension produces them; the reference
 * server's demo responder reads them (validating, since a client may send anything).
 */
import * as v from 'valibot';

/** Page text beyond this many characters is cut, and the result says so. */
export const PAGE_TEXT_LIMIT = 20_000;
export const SELECTION_LIMIT = 5_000;

export const PageContextResultSchema = v.object({
  url: v.string(),
  title: v.string(),
  lang: v.string(),
  description: v.string(),
  selection: v.string(),
  /** The readable main content, paragraphs separated by blank lines. */
  text: v.string(),
  truncated: v.boolean(),
});
export type PageContextResult = v.InferOutput<typeof PageContextResultSchema>;

export const SelectionResultSchema = v.object({
  url: v.string(),
  text: v.string(),
  truncated: v.boolean(),
});
export type SelectionResult = v.InferOutput<typeof SelectionResultSchema>;

export const FindResultSchema = v.object({
  query: v.string(),
  /** Every match on the page, though `passages` lists only the first few. */
  total: v.number(),
  passages: v.array(v.string()),
});
export type FindResult = v.InferOutput<typeof FindResultSchema>;
