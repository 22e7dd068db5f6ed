import { buildNodeParam, type NodeRef } from './explorer-node-param';

/**
 * Everything the lineage explorer shows is in its URL, so any view can be pasted and reopens the same:
 *   /lineage?node=<id>&depth=2&dir=both|up|down&full=0|1&columns=0|1&expand=<id>,<id>&selected=<id>&limit=1500
 * Ids are explorer-node-param values. Defaults are left out of built URLs to keep them short.
 */

export type ViewDirection = 'both' | 'up' | 'down';

export interface ExplorerView {
  node: NodeRef | null;
  /** Edges from the focus node: a job and the datasets it reads or writes are one apart. */
  depth: number;
  dir: ViewDirection;
  /** Undirected walk (siblings included); `dir` is then ignored. */
  full: boolean;
  /** Field-level edges from the columnLineage dataset facet. */
  columns: boolean;
  /** Nodes whose neighbours were added one hop around them. */
  expand: NodeRef[];
  /** The node whose side panel is open. */
  selected: NodeRef | null;
  /** At most this many nodes are drawn; the rest are counted and named in a notice. */
  limit: number;
}

export const VIEW_DEFAULTS: Omit<ExplorerView, 'node'> = {
  depth: 2,
  dir: 'both',
  full: false,
  columns: false,
  expand: [],
  selected: null,
  limit: 1500,
};
export const DEPTH_MAX = 20;
export const LIMIT_MAX = 5000;
export const EXPAND_MAX = 50;

/** The query string (no '?') of a view, defaults omitted, in a fixed key order. */
export function explorerSearch(view: Partial<ExplorerView>): string {
  const v = { ...VIEW_DEFAULTS, node: null, ...view };
  const params = new URLSearchParams();
  if (v.node) params.set('node', buildNodeParam(v.node));
  if (v.depth !== VIEW_DEFAULTS.depth) params.set('depth', String(v.depth));
  if (v.dir !== VIEW_DEFAULTS.dir) params.set('dir', v.dir);
  if (v.full) params.set('full', '1');
  if (v.columns) params.set('columns', '1');
  if (v.expand.length > 0) params.set('expand', v.expand.map(buildNodeParam).join(','));
  if (v.selected) params.set('selected', buildNodeParam(v.selected));
  if (v.limit !== VIEW_DEFAULTS.limit) params.set('limit', String(v.limit));
  return params.toString();
}

export function explorerPath(view: Partial<ExplorerView>): string {
  const search = explorerSearch(view);
  return search === '' ? '/lineage' : `/lineage?${search}`;
}

/** The /api/lineage request behind a view: everything in the URL except which node's panel is open. */
export function explorerGraphUrl(view: Partial<ExplorerView>): string {
  return `/api/lineage?${explorerSearch({ ...view, selected: null })}`;
}
