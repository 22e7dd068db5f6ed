'use client';

import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
import { explorerPath, type ExplorerView } from '@/lib/graph/explorer-url';

/** Every change of view is a new URL (pasteable, back-button friendly); scroll stays where it is. */
export function useExplorerNav(view: ExplorerView) {
  const router = useRouter();
  const href = useCallback((patch: Partial<ExplorerView>) => explorerPath({ ...view, ...patch }), [view]);
  const go = useCallback((patch: Partial<ExplorerView>) => router.push(href(patch), { scroll: false }), [router, href]);
  return { href, go };
}
