import type { ExplorerGraph } from '@/lib/graph/explorer-api';
import { layoutInput, toExplorerFlow } from '@/lib/graph/explorer-flow';
import { EXPLORER_SIZES } from '@/lib/graph/explorer-sizes';
import { quickLayout } from '@/lib/graph/quick-layout';
import { GraphPreviewSvg } from '../graph-preview-svg';
import { ExplorerNodeBody, fieldStyle } from './explorer-node-body';

const frame = { display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%', overflow: 'hidden' } as const;

/**
 * A small explorer view drawn with the page (server-rendered SVG, no @xyflow): the quick layout the canvas uses,
 * fitted the same way, so the graph is painted with the HTML; the canvas (pan, zoom, fields) replaces it after
 * hydration. Its nodes are links to the view with the node's side panel open, so they work before that too.
 */
export function ExplorerGraphPreview({ graph, selectedId, hrefOf }: { graph: ExplorerGraph; selectedId: string | null; hrefOf: (id: string) => string }) {
  const input = layoutInput(graph);
  const flow = toExplorerFlow(graph, quickLayout(input.nodes, input.edges, EXPLORER_SIZES));
  const boxes = flow.nodes.map((n) => ({
    id: n.id,
    ...n.position,
    width: n.width,
    height: n.height,
    body: n.type === 'field'
      ? <div title={n.data.title} style={fieldStyle}>{n.data.label}</div>
      : <ExplorerNodeBody data={n.data} selected={n.id === selectedId} href={hrefOf(n.id)} testId="explorer-node-preview" />,
  }));
  return (
    <div style={frame} data-testid="explorer-graph-preview">
      <GraphPreviewSvg boxes={boxes} links={flow.edges.map((e) => ({ id: e.id, from: e.source, to: e.target }))} label="Lineage graph (loading its controls)" markerId="explorer-preview-arrow" />
    </div>
  );
}
