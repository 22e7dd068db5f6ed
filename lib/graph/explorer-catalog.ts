import type { Dataset, Job, LineageGraph, LineageRunState } from '@/lib/model';
import { schemaFieldsOf } from './explorer-facets';
import { buildNodeParam, type NodeRef } from './explorer-node-param';
import { buildAdjacency, type Neighbours } from './traverse';

/** Every job and dataset of every lineage source, under explorer ids, with one adjacency map. */

export interface CatalogNode {
  ref: NodeRef;
  /** Index of the source (in the order given) whose job/dataset describes the node. */
  source: number;
  job: Job | null;
  dataset: Dataset | null;
  latestRunState: LineageRunState | null;
  currentVersion: string | null;
  fieldCount: number | null;
  hasColumnLineage: boolean;
  /** A dataset of a source that lists versions only when asked, and none listed yet. */
  versionsOnDemand: boolean;
}

export interface ExplorerCatalog {
  adjacency: Map<string, Neighbours>;
  nodes: Map<string, CatalogNode>;
}

export interface CatalogInput {
  graph: LineageGraph;
  /** Keyed by refKey, as in LineageSnapshot. */
  jobs: ReadonlyMap<string, Job>;
  datasets: ReadonlyMap<string, Dataset>;
  /** The source lists a dataset's versions only when asked (Marquez): its snapshot holds none. */
  versionsOnDemand?: boolean;
}

function describe(ref: NodeRef, source: number, job: Job | null, dataset: Dataset | null, versionsOnDemand: boolean): CatalogNode {
  return {
    ref,
    source,
    job,
    dataset,
    latestRunState: job?.latestRunState ?? null,
    currentVersion: dataset?.versions[0]?.version ?? null,
    fieldCount: dataset ? (schemaFieldsOf(dataset.facets)?.length ?? null) : null,
    hasColumnLineage: dataset?.facets.columnLineage !== undefined && dataset?.facets.columnLineage !== null,
    versionsOnDemand: versionsOnDemand && ref.kind === 'dataset' && (dataset?.versions.length ?? 0) === 0,
  };
}

/**
 * Source graphs use their own node ids (never parsed back), so nodes are re-keyed by kind,
 * namespace and name: the same job in two sources becomes one node, the first source describing it.
 */
export function buildCatalog(inputs: readonly CatalogInput[]): ExplorerCatalog {
  const nodes = new Map<string, CatalogNode>();
  const edges: Array<{ from: string; to: string }> = [];
  inputs.forEach((input, source) => {
    const add = (ref: NodeRef, job: Job | null, dataset: Dataset | null): string => {
      const id = buildNodeParam(ref);
      const known = nodes.get(id);
      if (known === undefined || (known.job === null && known.dataset === null && (job || dataset))) nodes.set(id, describe(ref, source, job, dataset, input.versionsOnDemand ?? false));
      return id;
    };
    for (const job of input.jobs.values()) add({ kind: 'job', namespace: job.namespace, name: job.name }, job, null);
    for (const d of input.datasets.values()) add({ kind: 'dataset', namespace: d.namespace, name: d.name }, null, d);
    const ids = new Map<string, string>();
    for (const n of input.graph.nodes) ids.set(n.id, add({ kind: n.kind, namespace: n.namespace, name: n.name }, null, null));
    for (const e of input.graph.edges) {
      const from = ids.get(e.from);
      const to = ids.get(e.to);
      if (from !== undefined && to !== undefined) edges.push({ from, to });
    }
  });
  return { adjacency: buildAdjacency(nodes.keys(), edges), nodes };
}
