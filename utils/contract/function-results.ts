/**
 * The shapes of what the page functions return. The extension produces them; the reference
 * server's demo responder reads them (validating, since a client may send anything).
 */
import * as v from 'valibot';

/** The size budget for a page's Markdown: beyond it the page is cut at a section boundary, and the result says so. */
export const PAGE_TEXT_LIMIT = 20_000;
export const SELECTION_LIMIT = 5_000;

export const PageContextResultSchema = v.object({
  url: v.string(),
  title: v.string(),
  lang: v.string(),
  description: v.string(),
  selection: v.string(),
  /** The readable main content as Markdown: headings, lists, tables, links and code kept. */
  text: v.string(),
  truncated: v.boolean(),
  /** How long the whole page's Markdown was, before any cut (absent from readers before it was added). */
  fullLength: v.optional(v.number()),
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
