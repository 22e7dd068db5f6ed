'use client';

import { useCallback, type CSSProperties } from 'react';
import type { ExplorerGraph } from '@/lib/graph/explorer-api';
import { parseNodeParam, type NodeRef } from '@/lib/graph/explorer-node-param';
import type { ExplorerView } from '@/lib/graph/explorer-url';
import { ExplorerGraphPanel } from './explorer-graph-panel';
import { ExplorerToolbar } from './explorer-toolbar';
import { NodePanel } from './node-panel';
import { PanelBoundary } from './panel-boundary';
import { useExplorerNav } from './use-explorer-nav';

const withPanel: CSSProperties = { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 360px', gap: 14, alignItems: 'start' };

/**
 * The explorer around one node; the server parsed the URL into `view` (and read its graph when small), and every
 * change is a new URL.
 */
export function LineageExplorer({ view, initialGraph = null }: { view: ExplorerView & { node: NodeRef }; initialGraph?: ExplorerGraph | null }) {
  const { go } = useExplorerNav(view);
  const select = useCallback((id: string) => {
    const parsed = parseNodeParam(id);
    if (parsed.ok) go({ selected: parsed.ref });
  }, [go]);

  return (
    <>
      <ExplorerToolbar view={view} />
      <div style={view.selected ? withPanel : undefined}>
        <div>
          <PanelBoundary label="The lineage graph">
            <ExplorerGraphPanel view={view} initialGraph={initialGraph} onSelect={select} />
          </PanelBoundary>
        </div>
        {view.selected ? (
          <PanelBoundary label="The node panel">
            <NodePanel key={`${view.selected.kind}:${view.selected.namespace}:${view.selected.name}`} view={view} node={view.selected} />
          </PanelBoundary>
        ) : null}
      </div>
    </>
  );
}
