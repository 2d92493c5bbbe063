/** "3 minutes ago", "yesterday", "last week", in the page's language. */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * DAY],
  ['month', 30 * DAY],
  ['week', 7 * DAY],
  ['day', DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
];

// One formatter per language: the list formats every row on each render (and each search keystroke).
const formats = new Map<string | undefined, Intl.RelativeTimeFormat>();

export function relativeTime(then: number, now: number, locale?: string): string {
  let format = formats.get(locale);
  if (!format) formats.set(locale, (format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })));
  const elapsed = then - now;
  for (const [unit, length] of UNITS) {
    if (Math.abs(elapsed) >= length) return format.format(Math.round(elapsed / length), unit);
  }
  return format.format(0, 'second');
}
