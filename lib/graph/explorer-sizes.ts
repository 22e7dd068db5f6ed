import type { NodeSize } from './types';

/**
 * The explorer layout's input and node sizes, apart from explorer-layout.ts so that the page's own
 * bundle (which only renders) never pulls in elkjs: ELK is loaded by the layout Web Worker alone.
 */

export type LayoutKind = 'job' | 'dataset' | 'field';

export interface LayoutInput {
  nodes: ReadonlyArray<{ id: string; kind: LayoutKind }>;
  edges: ReadonlyArray<{ id: string; from: string; to: string }>;
}

/** Shared with the rendered nodes so ELK's spacing holds on screen. */
export const EXPLORER_SIZES: Record<LayoutKind, NodeSize> = {
  job: { width: 220, height: 56 },
  dataset: { width: 220, height: 56 },
  field: { width: 170, height: 30 },
};
