/**
 * Keeps a scrolling container at its bottom while its content grows, as a streaming reply
 * does — until the user scrolls up to read. Scrolling back to the bottom, or `pin()` (a new
 * reply starts), follows again.
 *
 * Only the user's own input stops following: a wheel turned up, an up key, a drag on the
 * scrollbar or a touch. A scroll position that changes by itself (a layout change above,
 * the panel resized) is put back at the bottom.
 */

/** How close to the bottom counts as "at the bottom": a line's worth of slack. */
const SLACK_PX = 24;
const UP_KEYS = new Set(['ArrowUp', 'PageUp', 'Home']);

export function followBottom(scroller: HTMLElement, content: HTMLElement) {
  let following = true;
  /** A scrollbar drag or a touch is under way: the scrolls it causes are the user's. */
  let dragging = false;

  const fromBottom = () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  const toBottom = () => {
    scroller.scrollTop = scroller.scrollHeight;
  };
  // After layout, before paint: the new text and the scroll show up in the same frame.
  const resizes = new ResizeObserver(() => {
    if (following) toBottom();
  });
  resizes.observe(content);

  const onScroll = () => {
    if (fromBottom() <= SLACK_PX) following = true;
    else if (dragging) following = false;
    else if (following) toBottom();
  };
  const onWheel = (event: WheelEvent) => {
    if (event.deltaY < 0) following = false;
  };
  const onKey = (event: KeyboardEvent) => {
    if (UP_KEYS.has(event.key)) following = false;
  };
  // On the scroller itself (not its content) a mouse press is on the scrollbar; a touch is anywhere.
  const onPointerDown = (event: PointerEvent) => {
    dragging = event.target === scroller || event.pointerType === 'touch';
  };
  const onPointerUp = () => {
    dragging = false;
  };
  scroller.addEventListener('scroll', onScroll, { passive: true });
  scroller.addEventListener('wheel', onWheel, { passive: true });
  scroller.addEventListener('keydown', onKey);
  scroller.addEventListener('pointerdown', onPointerDown);
  window.addEventListener('pointerup', onPointerUp);
  window.addEventListener('pointercancel', onPointerUp);

  return {
    pin(): void {
      following = true;
      toBottom();
    },
    dispose(): void {
      resizes.disconnect();
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onWheel);
      scroller.removeEventListener('keydown', onKey);
      scroller.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('pointerup', onPointerUp);
      window.removeEventListener('pointercancel', onPointerUp);
    },
  };
}
