'use client';

import dynamic from 'next/dynamic';
import type { CSSProperties } from 'react';

const placeholder: CSSProperties = { height: 360, width: '100%', border: '1px solid var(--border)', borderRadius: 8 };

/**
 * The run graph's code (@xyflow, ≈50 KB gzipped) loads after the page has hydrated: the graph sits below the
 * fold, and the charts above it should not wait for it. The server renders an empty frame of the same size.
 */
export const RunGraphLazy = dynamic(() => import('./run-graph').then((m) => m.RunGraph), {
  ssr: false,
  loading: () => <div data-testid="run-graph-loading" style={placeholder} aria-busy="true" />,
});
