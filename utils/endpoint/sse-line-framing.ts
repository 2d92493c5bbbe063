/**
 * Ends an SSE message as soon as its data is a whole JSON event (isWholeEventData), line by line
 * as the text arrives. Some servers write one JSON event per `data:` line with no blank line
 * between (the Termix widget documents its stream that way). By the SSE rules those lines are
 * one message whose data is several JSON texts joined by "\n", which is not JSON; and a reader
 * that waits for the blank line would show the reply only when the stream ends.
 *
 * It sits in front of eventsource-parser, whose hooks (onEvent at a blank line, onComment,
 * onRetry) say nothing about a data line as it arrives. It passes every line on, ended by "\n",
 * and adds a blank line where an open message's data has become whole; the parser still reads
 * every field, so `id:`, `event:`, `retry:` and comments keep their meaning. A JSON value split
 * across data lines the SSE way ends where its last line completes it.
 *
 * A line is read only once its line end arrives, since a line still open at the end of a read may
 * go on. A CR ends a line at once; an LF that follows it, possibly in the next read, ends nothing.
 */

export function endEventsAtWholeJson(): TransformStream<string, string> {
  const lineEnds = /[\r\n]/g;
  let openLine = '';
  let lfEndsNothing = false;
  /** The open message's data lines, joined; undefined while it has none. */
  let data: string | undefined;
  /** A message was ended at its data line, and no blank line has come since. */
  let endedEarly = false;
  let fieldsAfterEarlyEnd = false;
  /**
   * The SSE rules allow `id:` and `event:` after a message's data, and such fields arrive after
   * an early end. Once a blank line shows that (rather than a data line: one-event-per-line
   * servers put their fields first), the server frames its messages properly, and from then on
   * they end at blank lines only. The first message of each connection is delivered without
   * them: the price of showing a one-event-per-line stream's first event as it arrives.
   */
  let blankLinesOnly = false;

  function readLine(line: string): string {
    if (line === '') {
      if (endedEarly && fieldsAfterEarlyEnd) blankLinesOnly = true;
      data = undefined;
      endedEarly = fieldsAfterEarlyEnd = false;
      return '\n';
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    if (field === 'id' || field === 'event') fieldsAfterEarlyEnd ||= endedEarly;
    if (field !== 'data') return `${line}\n`;
    const value = colon < 0 ? '' : line.slice(line[colon + 1] === ' ' ? colon + 2 : colon + 1);
    // By the SSE rules a blank data line here would only add whitespace to the JSON just ended.
    if (endedEarly && value.trim() === '') return '';
    data = data === undefined ? value : `${data}\n${value}`;
    endedEarly = fieldsAfterEarlyEnd = false;
    if (blankLinesOnly || !isWholeEventData(data)) return `${line}\n`;
    data = undefined;
    endedEarly = true;
    return `${line}\n\n`;
  }

  return new TransformStream({
    transform(text, controller) {
      if (!text) return;
      let start = lfEndsNothing && text[0] === '\n' ? 1 : 0;
      lfEndsNothing = false;
      let out = '';
      lineEnds.lastIndex = start;
      for (let end = lineEnds.exec(text); end; end = lineEnds.exec(text)) {
        out += readLine(openLine + text.slice(start, end.index));
        openLine = '';
        start = end.index + 1;
        if (text[end.index] === '\r') {
          if (start === text.length) lfEndsNothing = true;
          else if (text[start] === '\n') start += 1;
        }
        lineEnds.lastIndex = start;
      }
      openLine += text.slice(start);
      if (out) controller.enqueue(out);
    },
    // At the end the last line is complete without its line end, and a message whose data is
    // whole is ended without its blank line. One that is not whole was cut off: the parser drops
    // it, as the SSE rules drop an unfinished message, rather than report it malformed.
    flush(controller) {
      let out = openLine ? readLine(openLine) : '';
      if (data !== undefined && isWholeEventData(data)) out += '\n';
      if (out) controller.enqueue(out);
    },
  });
}

/**
 * Whether an SSE message's data is complete as it stands: `[DONE]`, or a JSON object (the only
 * JSON text that ends in `}`). No further data line can keep such data valid JSON except
 * whitespace, so a stream reader may end the message here (below).
 */
export function isWholeEventData(data: string): boolean {
  const text = data.trim();
  if (text === '[DONE]') return true;
  if (!text.endsWith('}')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
