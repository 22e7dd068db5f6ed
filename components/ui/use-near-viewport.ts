'use client';

import { useEffect, useState, type RefObject } from 'react';

/** How far outside the window a box counts as near: it is drawn before the reader scrolls to it. */
export const NEAR_VIEWPORT_MARGIN_PX = 200;

/**
 * True once the box has come within NEAR_VIEWPORT_MARGIN_PX of the window (and stays true): below-the-fold
 * parts of a page (charts, the graph) load and draw only when the reader is about to see them.
 */
export function useNearViewport(box: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      setNear(true);
    }, { rootMargin: `${NEAR_VIEWPORT_MARGIN_PX}px 0px` });
    observer.observe(element);
    return () => observer.disconnect();
  }, [box, near]);
  return near;
}
