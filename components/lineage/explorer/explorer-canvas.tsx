'use client';

import { use, useCallback, useDeferredValue, useMemo, useState, type CSSProperties } from 'react';
import {
  Background, Controls, MarkerType, Panel, Position, ReactFlow, ReactFlowProvider, useReactFlow, useStore,
  type DefaultEdgeOptions, type Edge, type FitViewOptions, type Node, type NodeMouseHandler, type ReactFlowInstance, type ReactFlowState,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { ExplorerGraph } from '@/lib/graph/explorer-api';
import { initialFitIds, toExplorerFlow, type ExplorerFlowEdge, type ExplorerFlowNode } from '@/lib/graph/explorer-flow';
import { ALWAYS_DRAWN_GRAPH, MAX_DRAWN_NODES, moreThanInView } from '@/lib/graph/explorer-lod';
import { edgesThroughRect, idsInRect } from '@/lib/graph/explorer-window';
import type { NodePositions } from '@/lib/graph/types';
import { FitOnChange } from '../fit-on-change';
import { drawableGraph } from './draw-graph';
import { ExplorerEdgeLayer } from './explorer-edge-layer';
import { ExplorerMinimap } from './explorer-minimap';
import { explorerBareNodeTypes, explorerNodeTypes } from './explorer-nodes';
import { ExplorerOverview } from './explorer-overview';
import { FieldToggles, FieldTogglesContext } from './field-toggles';
import { useFlowWindow } from './use-flow-window';

// Edges are not interactive here: no invisible 20px hit path per edge (halves the SVG of a big graph).
const edgeOptions: DefaultEdgeOptions = { focusable: false, interactionWidth: 0 };
const EDGE_LOOK: Record<ExplorerFlowEdge['kind'], Partial<Edge>> = {
  flow: { markerEnd: { type: MarkerType.ArrowClosed } },
  // Direct: the value flows (solid); indirect: it only steers the output (dotted, lighter).
  column: { markerEnd: { type: MarkerType.ArrowClosed, color: '#7c3aed' }, style: { stroke: '#7c3aed' } },
  'column-indirect': { markerEnd: { type: MarkerType.Arrow, color: '#a78bfa' }, style: { stroke: '#a78bfa', strokeDasharray: '2 4' } },
  'field-of': { style: { stroke: '#c4b5fd', strokeDasharray: '2 3' } },
};
/** Up to this many nodes the first paint fits them all; beyond, it centres on the focus at a readable zoom. */
const SMALL_GRAPH = ALWAYS_DRAWN_GRAPH;
const centreButton: CSSProperties = { fontSize: 12, padding: '4px 10px' };
/**
 * The smallest node text is 11 px at zoom 1: fitting a big graph (its focus's neighbourhood) never zooms out past
 * it, the reader pans instead. A small graph is still fitted whole, so it may be drawn smaller.
 */
const LEGIBLE_FIT_ZOOM = 1;
const NO_EDGES: Edge[] = [];

/**
 * Sizes and handle bounds given up front (where the 6px handles of explorer-nodes sit), so @xyflow
 * need not mount every node once to measure it: with onlyRenderVisibleElements only on-screen nodes mount.
 */
function withHandles(n: ExplorerFlowNode): Node {
  const y = n.height / 2 - 3;
  return {
    ...n,
    measured: { width: n.width, height: n.height },
    handles: [
      { type: 'target', position: Position.Left, x: -3, y, width: 6, height: 6 },
      { type: 'source', position: Position.Right, x: n.width - 3, y, width: 6, height: 6 },
    ],
  };
}

interface Props {
  graph: ExplorerGraph;
  positions: Promise<NodePositions>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Suspends until the worker has placed the nodes; the promise comes from a parent that stays mounted. */
export function ExplorerCanvas(props: Props) {
  return (
    <ReactFlowProvider>
      <PlacedCanvas {...props} />
    </ReactFlowProvider>
  );
}

function PlacedCanvas({ graph, positions, selectedId, onSelect }: Props) {
  const placed = use(positions);
  const flow = useMemo(() => toExplorerFlow(graph, placed), [graph, placed]);
  const drawable = useMemo(() => drawableGraph(flow.nodes, flow.edges), [flow]);
  const ringed = useMemo(() => (selectedId && selectedId !== graph.focus ? [graph.focus, selectedId] : [graph.focus]), [graph.focus, selectedId]);
  // A big graph zoomed out past MAX_DRAWN_NODES on screen: the canvas overview draws it, @xyflow mounts no node or edge.
  const big = flow.nodes.length > ALWAYS_DRAWN_GRAPH;
  const overview = useStore(useCallback(
    (s: ReactFlowState) => big && moreThanInView(flow.nodes, s.transform, s.width, s.height, MAX_DRAWN_NODES),
    [flow, big],
  ));
  const placedNodes: Node[] = useMemo(() => flow.nodes.map(withHandles), [flow]);
  // Only the node whose selection changed gets a new object, so @xyflow re-renders just those two.
  const shownNodes: Node[] = useMemo(
    () => placedNodes.map((n) => (n.selected === (n.id === selectedId) ? n : { ...n, selected: n.id === selectedId })),
    [placedNodes, selectedId],
  );
  // Read closer, a big graph is handed to @xyflow a window at a time (nodes around the view; explorer-window.ts)
  // and its edges are drawn as one path per kind: @xyflow's work per pan frame and per change grows with what it holds.
  const flowWindow = useFlowWindow(big && !overview);
  // In the overview @xyflow keeps only the focus and the selected node, hidden (fitting and centring find them,
  // nothing mounts); around a window, those two and the window's nodes.
  const nodes = useMemo(() => {
    if (overview) return shownNodes.filter((n) => ringed.includes(n.id)).map((n) => ({ ...n, hidden: true }));
    if (!big) return shownNodes;
    const inWindow = flowWindow ? idsInRect(flow.nodes, flowWindow) : new Set<string>();
    return shownNodes.filter((n) => inWindow.has(n.id) || ringed.includes(n.id));
  }, [overview, big, shownNodes, ringed, flowWindow, flow]);
  const edges: Edge[] = useMemo(
    () => (big ? NO_EDGES : flow.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, ...EDGE_LOOK[e.kind], ...(e.label ? { label: e.label } : {}) }))),
    [big, flow],
  );
  // The edges follow the window in a render of their own, after the nodes' (a hub's thousands of curves cost a task).
  const edgeWindow = useDeferredValue(flowWindow);
  const windowEdges = useMemo(() => (edgeWindow ? edgesThroughRect(flow.edges, drawable.byId, edgeWindow) : null), [flow, drawable, edgeWindow]);
  const fitViewOptions: FitViewOptions = useMemo(() => {
    const ids = initialFitIds(graph, SMALL_GRAPH);
    return { padding: 0.15, maxZoom: 1, includeHiddenNodes: true, ...(ids ? { minZoom: LEGIBLE_FIT_ZOOM, nodes: ids.map((id) => ({ id })) } : {}) };
  }, [graph]);
  // The fitView prop alone did not apply on graphs of a few thousand nodes (an empty first frame);
  // fitting once the instance is ready does.
  const onInit = useCallback((instance: ReactFlowInstance) => {
    void instance.fitView(fitViewOptions);
  }, [fitViewOptions]);
  const onNodeClick: NodeMouseHandler = useCallback((_event, node) => {
    if (node.type !== 'field') onSelect(node.id);
  }, [onSelect]);
  const [fieldToggles] = useState(() => new FieldToggles());

  return (
    <FieldTogglesContext value={fieldToggles}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={big ? explorerBareNodeTypes : explorerNodeTypes}
        defaultEdgeOptions={edgeOptions}
        onNodeClick={onNodeClick}
        onInit={onInit}
        fitView
        fitViewOptions={fitViewOptions}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        minZoom={0.05}
      >
        <Background />
        {overview ? <ExplorerOverview graph={drawable} ringed={ringed} /> : null}
        {flowWindow && windowEdges ? <ExplorerEdgeLayer edges={windowEdges} /> : null}
        <Controls showInteractive={false} fitViewOptions={fitViewOptions} />
        <ExplorerMinimap graph={drawable} ringed={ringed} />
        <FitOnChange options={fitViewOptions} graphKey={graph} />
        <Panel position="top-right">
          <CentreButton id={selectedId ?? graph.focus} label={selectedId ? 'Centre on selected' : 'Centre on focus'} />
        </Panel>
      </ReactFlow>
    </FieldTogglesContext>
  );
}

function CentreButton({ id, label }: { id: string; label: string }) {
  const flow = useReactFlow();
  const centre = useCallback(() => {
    const node = flow.getNode(id);
    if (!node) return;
    const { width = 0, height = 0 } = node;
    void flow.setCenter(node.position.x + width / 2, node.position.y + height / 2, { zoom: Math.max(flow.getZoom(), 0.8), duration: 300 });
  }, [flow, id]);
  return (
    <button type="button" style={centreButton} onClick={centre} data-testid="explorer-centre">
      {label}
    </button>
  );
}
