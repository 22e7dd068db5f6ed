import type { CSSProperties } from 'react';
import type { GraphNodeData, RunTone } from '@/lib/graph/types';

/** Inline styles: no CSS-module typings needed before `next build` has written next-env.d.ts. */

export const TONE_COLOURS: Record<RunTone, { border: string; background: string }> = {
  running: { border: '#2563eb', background: '#eff6ff' },
  success: { border: '#16a34a', background: '#f0fdf4' },
  failed: { border: '#dc2626', background: '#fef2f2' },
  stopped: { border: '#6b7280', background: '#f3f4f6' },
  unknown: { border: '#9ca3af', background: '#ffffff' },
};

const base: CSSProperties = {
  boxSizing: 'border-box',
  width: '100%',
  height: '100%',
  display: 'flex',
  flexDirection: 'column',
  justifyContent: 'center',
  padding: '6px 10px',
  borderRadius: 8,
  border: '1px solid',
  color: '#111827',
  textDecoration: 'none',
  fontSize: 12,
  lineHeight: 1.3,
  overflow: 'hidden',
};

export const lineStyle: CSSProperties = { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' };
export const sublabelStyle: CSSProperties = { ...lineStyle, color: '#4b5563', fontSize: 11 };
export const hiddenHandle: CSSProperties = { opacity: 0, pointerEvents: 'none' };

export function runNodeStyle(data: GraphNodeData): CSSProperties {
  const colours = TONE_COLOURS[data.tone ?? 'unknown'];
  return {
    ...base,
    borderColor: colours.border,
    background: colours.background,
    borderLeftWidth: 4,
    // The focus run is the page's subject: a heavier ring so it stands out from its neighbours.
    boxShadow: data.focus ? `0 0 0 3px ${colours.border}55` : undefined,
    fontWeight: data.focus ? 600 : 400,
  };
}

export function datasetNodeStyle(): CSSProperties {
  return { ...base, borderColor: '#a78bfa', background: '#faf5ff', borderRadius: 16 };
}
