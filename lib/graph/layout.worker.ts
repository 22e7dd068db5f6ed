import { layoutExplorer } from './explorer-layout';
import type { LayoutInput } from './explorer-sizes';
import type { NodePositions } from './types';

/** The explorer's layout Web Worker: ELK runs here so a large graph never blocks the page. */

export interface LayoutRequest {
  type: 'layout';
  id: number;
  input: LayoutInput;
}

export type LayoutResponse = { type: 'layout'; id: number; positions: NodePositions } | { type: 'layout'; id: number; error: string };

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEvent<LayoutRequest>) => void): void;
  postMessage(message: LayoutResponse): void;
}

/** This file is only ever loaded with `new Worker(...)`, so `self` is a DedicatedWorkerGlobalScope. */
function workerScope(): WorkerScope {
  return self as unknown as WorkerScope;
}

const scope = workerScope();
// elk.bundled.js, loaded inside a worker, installs self.onmessage as its own dispatcher, which would
// answer our requests too (with the same id and no positions): switch it off and listen ourselves.
(self as unknown as { onmessage: unknown }).onmessage = null;
scope.addEventListener('message', (event) => {
  const { id, input } = event.data;
  if (event.data.type !== 'layout') return;
  layoutExplorer(input).then(
    (positions) => scope.postMessage({ type: 'layout', id, positions }),
    (error: unknown) => scope.postMessage({ type: 'layout', id, error: error instanceof Error ? error.message : String(error) }),
  );
});
