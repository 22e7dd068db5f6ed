import { EXPLORER_SIZES, type LayoutInput } from '@/lib/graph/explorer-sizes';
import { QUICK_LAYOUT_MAX_NODES, quickLayout } from '@/lib/graph/quick-layout';
import type { LayoutRequest, LayoutResponse } from '@/lib/graph/layout.worker';
import type { NodePositions } from '@/lib/graph/types';

/**
 * Runs the explorer's ELK layout in a Web Worker so the page stays responsive while a large graph
 * is placed; only where there is no Worker (old test runners) does it fall back to the main thread.
 * The marks `runlens:layout-worker` (worker started), `runlens:layout-start` / `runlens:layout-end` let
 * tests and profiles time it.
 */

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (p: NodePositions) => void; reject: (e: Error) => void }>();

function failAll(message: string): void {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  performance.mark('runlens:layout-worker');
  // Inline `new URL(…, import.meta.url)` so the bundler emits the worker as its own chunk.
  const created = new Worker(new URL('../../../lib/graph/layout.worker.ts', import.meta.url), { type: 'module' });
  created.addEventListener('message', (event: MessageEvent<LayoutResponse>) => {
    const reply = event.data;
    // Only our worker's own replies count (ELK's bundled dispatcher may post messages with the same id).
    if (reply?.type !== 'layout' || !('positions' in reply || 'error' in reply)) return;
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`The layout failed: ${reply.error}`));
    else waiting.resolve(reply.positions);
  });
  created.addEventListener('error', (event) => failAll(`The layout worker stopped: ${event.message || 'unknown error'}`));
  worker = created;
  return created;
}

/**
 * Starts the worker (which loads and compiles ELK, a large script) ahead of the first layout, so that
 * work overlaps the graph's fetch instead of following it. (Warming ELK up with a small layout as
 * well was measured: it delayed the real layout by more than it saved.)
 */
export function startLayoutWorker(): void {
  if (typeof Worker !== 'undefined') getWorker();
}

async function onMainThread(input: LayoutInput): Promise<NodePositions> {
  const { layoutExplorer } = await import('@/lib/graph/explorer-layout');
  return layoutExplorer(input);
}

/**
 * A small graph is placed at once by quickLayout (no ELK to load and compile, no worker round trip), as the run
 * page does: the promise is handed over already settled, so React's `use` reads it without suspending.
 */
function laidOutNow(input: LayoutInput): Promise<NodePositions> {
  const positions = quickLayout(input.nodes, input.edges, EXPLORER_SIZES);
  const settled: Promise<NodePositions> & { status?: 'fulfilled'; value?: NodePositions } = Promise.resolve(positions);
  settled.status = 'fulfilled';
  settled.value = positions;
  return settled;
}

export function layoutInBackground(input: LayoutInput): Promise<NodePositions> {
  if (input.nodes.length <= QUICK_LAYOUT_MAX_NODES) return laidOutNow(input);
  performance.mark('runlens:layout-start', { detail: { nodes: input.nodes.length } });
  const done = (positions: NodePositions) => {
    performance.mark('runlens:layout-end', { detail: { nodes: input.nodes.length } });
    return positions;
  };
  if (typeof Worker === 'undefined') return onMainThread(input).then(done);
  return new Promise<NodePositions>((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    const request: LayoutRequest = { type: 'layout', id, input };
    getWorker().postMessage(request);
  }).then(done);
}
