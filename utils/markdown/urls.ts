/**
 * Which URLs in model output may become live links or loadable images. Model output is
 * untrusted: anything else (javascript:, data:, vbscript:, relative URLs that would resolve
 * inside the extension) is shown as text instead.
 */

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * The URL parser strips the tabs, newlines and control characters that filter-evasion tricks
 * put into schemes ("java\tscript:"), and marked has already decoded entities, so the protocol
 * it reports is the one a browser would follow. Only absolute URLs parse without a base.
 */
function parseAllowed(raw: string, allowed: Set<string>): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return allowed.has(url.protocol) ? url.href : undefined;
}

/** The normalized href for a link, or undefined when the link must not be live. */
export function safeLinkUrl(raw: string): string | undefined {
  return parseAllowed(raw, LINK_PROTOCOLS);
}

/** The normalized src for an image the user asked to load, or undefined when it must never load. */
export function safeImageUrl(raw: string): string | undefined {
  return parseAllowed(raw, IMAGE_PROTOCOLS);
}
