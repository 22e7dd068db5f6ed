'use client';

import { useEffect } from 'react';

const SCROLLERS = '.panel, main *:has(> table)';
const MARK = 'data-scroll-region';
/** Charts and graphs change on every pointer move (tooltip, crosshair) and hold no table: their changes are not re-checked. */
const UNTABLED = '.chart-plot, .react-flow';

type ChangedNode = Pick<Node, 'parentElement'> & Partial<Pick<Element, 'closest'>>;

/** Whether a change happened outside the charts and graphs (each check forces a page layout). */
export function outsideUntabled(records: ReadonlyArray<{ target: ChangedNode }>): boolean {
  return records.some(({ target }) => {
    // A text node changed: its element decides.
    const element = target.closest ? target : target.parentElement;
    return !element?.closest?.(UNTABLED);
  });
}

/** Makes every box that scrolls sideways (a wide table in its panel) reachable and named for keyboard users. */
function markScrollers(root: HTMLElement) {
  for (const box of root.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const scrolls = box.scrollWidth > box.clientWidth + 1;
    if (scrolls && !box.hasAttribute(MARK) && box.tabIndex < 0) {
      box.setAttribute(MARK, '');
      box.tabIndex = 0;
      if (!box.getAttribute('role')) box.setAttribute('role', 'region');
      if (!box.getAttribute('aria-label')) box.setAttribute('aria-label', `${box.querySelector('h2, h3')?.textContent?.trim() || 'Table'} (scrolls sideways)`);
    } else if (!scrolls && box.hasAttribute(MARK)) {
      box.removeAttribute(MARK);
      box.removeAttribute('tabindex');
    }
  }
}

/**
 * Tables never break their values: they scroll inside their panel instead, and a box that scrolls must take
 * the keyboard focus (WCAG 2.1.1). Which boxes scroll depends on the window, so it is checked as the page changes.
 */
export function ScrollRegions() {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    let frame = 0;
    const check = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => markScrollers(main));
    };
    check();
    const mutations = new MutationObserver((records) => {
      if (outsideUntabled(records)) check();
    });
    mutations.observe(main, { childList: true, subtree: true });
    window.addEventListener('resize', check);
    return () => {
      cancelAnimationFrame(frame);
      mutations.disconnect();
      window.removeEventListener('resize', check);
    };
  }, []);
  return null;
}
