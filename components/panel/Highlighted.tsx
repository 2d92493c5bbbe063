/** Text with the search's words marked: each range a <mark>, all of it text nodes, never HTML. */
export function Highlighted({ text, marks = [] }: { text: string; marks?: Array<[number, number]> }) {
  const parts = [];
  let at = 0;
  for (const [start, end] of marks) {
    if (start < at || end > text.length) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  parts.push(text.slice(at));
  return <>{parts}</>;
}
