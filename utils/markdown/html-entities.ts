/**
 * Decodes character references (`&copy;`, `&#106;`, `&#x6A;`) the way CommonMark says text and
 * link destinations mean them. marked leaves them for an HTML parser to decode; Sidechat builds
 * DOM nodes instead of HTML, so it decodes them here.
 */

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{1,31}));/g;
const named = new Map<string, string>();
let parser: DOMParser | undefined;

export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name) return decodeNamed(reference);
    const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    // As CommonMark says: NUL, surrogates and out-of-range code points become U+FFFD.
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}

/**
 * HTML knows over 2,000 entity names; rather than ship that table, ask the browser's parser.
 * The string is one `&name;` reference (the pattern above admits nothing else), parsed into a
 * detached, inert document. An unknown name comes back unchanged.
 */
function decodeNamed(reference: string): string {
  let value = named.get(reference);
  if (value === undefined) {
    parser ??= new DOMParser();
    value = parser.parseFromString(reference, 'text/html').body.textContent ?? reference;
    named.set(reference, value);
  }
  return value;
}
