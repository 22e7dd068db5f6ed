/** At most this long after the head is parsed, the first paint waits for the page to finish streaming. */
export const FIRST_PAINT_HOLD_MS = 250;

/**
 * `rel=expect` on an id no element carries holds rendering until parsing ends (Chromium, Safari; others ignore it;
 * Chromium 156 does not hold for a bare `#`). Added from the head, where it still counts, and removed at the
 * deadline, so a slow page paints its loading state.
 */
export function firstPaintHoldScript(deadlineMs: number): string {
  return `(function(){var l=document.createElement('link');l.rel='expect';l.href='#end-of-document';l.setAttribute('blocking','render');document.head.appendChild(l);setTimeout(function(){l.remove()},${deadlineMs})})()`;
}

export const FIRST_PAINT_HOLD_SCRIPT = firstPaintHoldScript(FIRST_PAINT_HOLD_MS);
