'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * A slim bar at the top from the click on an internal link until the next page has rendered (its pathname
 * or query changed): server pages can take a moment, and nothing else shows that the click was heard.
 */
export function NavigationProgress() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [pendingFrom, setPendingFrom] = useState<string | null>(null);
  const here = `${pathname}?${search}`;

  useEffect(() => {
    // Capture phase: next/link prevents the default in its own handler, so a bubbling listener would not know.
    const onClick = (event: MouseEvent) => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const anchor = (event.target as Element | null)?.closest?.('a[href]');
      if (!(anchor instanceof HTMLAnchorElement) || anchor.target === '_blank' || anchor.hasAttribute('download')) return;
      const url = new URL(anchor.href, window.location.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      setPendingFrom(`${window.location.pathname}?${new URLSearchParams(window.location.search).toString()}`);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, []);

  // Rendered only while the location is still the one the click left from.
  return pendingFrom !== null && pendingFrom === here ? <div className="nav-progress" role="progressbar" aria-label="Loading the next page" data-testid="nav-progress" /> : null;
}
