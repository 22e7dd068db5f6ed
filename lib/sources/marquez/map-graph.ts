import 'server-only';
import type { Dataset, DatasetRef, Job, LineageGraph, LineageGraphNode } from '@/lib/model';
import { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';
import { datasetRefOf } from './map-dataset';
import { jobRefOf } from './map-job';
import { lineageDatasetNodeSchema, lineageJobNodeSchema, parseWire, type WireLineageGraph, type WireLineageNode } from './schemas';

class GraphBuilder {
  private readonly nodes = new Map<string, LineageGraphNode>();
  private readonly edges = new Map<string, { from: string; to: string }>();

  job(ref: { namespace: string; name: string }): string {
    const id = jobNodeId(ref);
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind: 'job', namespace: ref.namespace, name: ref.name });
    return id;
  }

  dataset(ref: DatasetRef): string {
    const id = datasetNodeId(ref);
    if (!this.nodes.has(id)) this.nodes.set(id, { id, kind: 'dataset', namespace: ref.namespace, name: ref.name });
    return id;
  }

  edge(from: string, to: string): void {
    const key = `${from}\u0000${to}`;
    if (!this.edges.has(key)) this.edges.set(key, { from, to });
  }

  build(): LineageGraph {
    return { nodes: [...this.nodes.values()], edges: [...this.edges.values()] };
  }
}

/**
 * Pure: the job↔dataset graph of a snapshot, with the same node ids the file source uses. Edges
 * come from each job's current inputs and outputs; a dataset a job names but no listing returned
 * still gets its node, so no edge dangles.
 */
export function buildSnapshotGraph(jobs: Iterable<Job>, datasets: Iterable<Dataset>): LineageGraph {
  const g = new GraphBuilder();
  const jobList = [...jobs];
  for (const job of jobList) g.job(job);
  for (const d of datasets) g.dataset(d);
  for (const job of jobList) {
    const jobId = g.job(job);
    for (const d of job.inputs) g.edge(g.dataset(d), jobId);
    for (const d of job.outputs) g.edge(jobId, g.dataset(d));
  }
  return g.build();
}

function nodeIdOf(g: GraphBuilder, node: WireLineageNode): string | null {
  const dataset = parseWire(lineageDatasetNodeSchema, node);
  if (dataset.ok) {
    const ref = datasetRefOf(dataset.value.data);
    return ref === null ? null : g.dataset(ref);
  }
  const job = parseWire(lineageJobNodeSchema, node);
  if (!job.ok) return null;
  const ref = jobRefOf(job.value.data);
  return ref === null ? null : g.job(ref);
}

/**
 * Pure: a Marquez `/lineage` graph in the model's terms. Nodes are named from their data (never by
 * parsing Marquez's ids); edges whose ends are not among the nodes are left out.
 */
export function mapLineageGraph(wire: WireLineageGraph): LineageGraph {
  const g = new GraphBuilder();
  const idOf = new Map<string, string>();
  for (const node of wire.graph) {
    const id = nodeIdOf(g, node);
    if (id !== null) idOf.set(node.id, id);
  }
  for (const node of wire.graph) {
    for (const e of [...(node.inEdges ?? []), ...(node.outEdges ?? [])]) {
      const from = idOf.get(e.origin);
      const to = idOf.get(e.destination);
      if (from !== undefined && to !== undefined) g.edge(from, to);
    }
  }
  return g.build();
}
