/**
 * Keeps a scrolling container at its bottom while its content grows, as a streaming reply
 * does — until the user scrolls up to read. Scrolling back to the bottom, or `pin()` (a new
 * reply starts), follows again.
 */

/** How close to the bottom counts as "at the bottom": a line's worth of slack. */
const SLACK_PX = 24;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export function followBottom(scroller: HTMLElement, content: HTMLElement) {
  let following = true;
  let lastTop = scroller.scrollTop;

  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
    lastTop = scroller.scrollTop;
  };
  // After layout, before paint: the new text and the scroll show up in the same frame.
  const resizes = new ResizeObserver(() => {
    if (following) toBottom();
  });
  resizes.observe(content);

  const onScroll = () => {
    const fromBottom = scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
    // Growth below never moves scrollTop up, so a smaller one is the user (or the scrollbar).
    if (fromBottom <= SLACK_PX) following = true;
    else if (scroller.scrollTop < lastTop) following = false;
    lastTop = scroller.scrollTop;
  };
  // A wheel or key up says "stop" before the scroll event would, while text keeps arriving.
  const onWheel = (event: WheelEvent) => {
    if (event.deltaY < 0) following = false;
  };
  const onKey = (event: KeyboardEvent) => {
    if (UP_KEYS.has(event.key)) following = false;
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  scroller.addEventListener('wheel', onWheel, { passive: true });
  scroller.addEventListener('keydown', onKey);

  return {
    pin(): void {
      following = true;
      toBottom();
    },
    isFollowing: () => following,
    dispose(): void {
      resizes.disconnect();
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onWheel);
      scroller.removeEventListener('keydown', onKey);
    },
  };
}
