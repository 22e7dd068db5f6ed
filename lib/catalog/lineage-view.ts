import 'server-only';
import type { ExplorerGraph, ExplorerSearchResult, NodeDetail } from '@/lib/graph/explorer-api';
import { buildCatalog, type CatalogInput, type ExplorerCatalog } from '@/lib/graph/explorer-catalog';
import { nodeDetail } from '@/lib/graph/explorer-detail';
import { buildNodeParam, type NodeRef } from '@/lib/graph/explorer-node-param';
import { matchNodes } from '@/lib/graph/explorer-search';
import type { ExplorerView } from '@/lib/graph/explorer-url';
import { explorerGraph } from '@/lib/graph/explorer-view';
import type { GraphEdge, GraphEntity } from '@/lib/index/lineage-graph';
import { refKey, type Dataset, type Job, type LineageGraph, type LineageRunState } from '@/lib/model';
import { getSources } from '@/lib/sources';
import { findJob, findRun, getRunIndex, loadDatasets, loadJobs, loadRuns, type SourceFailure } from './run-index';

/**
 * The lineage explorer's data, from the run index: the jobs and datasets around the focus, walked over
 * the stored job↔dataset edges (bounded), described for drawing. No source is read whole.
 */

/** The walk around the focus reads at most this many nodes; the view draws at most its own `limit`. */
export const MAX_WALK_NODES = 20_000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

function unusableLineage(): SourceFailure[] {
  return getSources().unusable.filter((u) => u.kind === 'lineage').map((u) => ({ source: u.id, error: u.error ?? 'not usable' }));
}

const nodeId = (kind: 'job' | 'dataset', ref: { namespace: string; name: string }) => buildNodeParam({ kind, namespace: ref.namespace, name: ref.name });

/** One catalog input per source: its entities, and the edges it reported (sources that list versions on demand say so). */
function catalogOf(edges: readonly GraphEdge[], entities: readonly GraphEntity[]): ExplorerCatalog {
  const onDemand = new Set(getSources().lineage.filter((s) => s.dataset !== undefined).map((s) => s.id));
  const inputs = new Map<string, CatalogInput & { jobs: Map<string, Job>; datasets: Map<string, Dataset>; graph: LineageGraph }>();
  const inputOf = (source: string) => {
    let input = inputs.get(source);
    if (!input) inputs.set(source, (input = { graph: { nodes: [], edges: [] }, jobs: new Map(), datasets: new Map(), versionsOnDemand: onDemand.has(source) }));
    return input;
  };
  for (const e of entities) {
    if ('job' in e) inputOf(e.source).jobs.set(refKey(e.job), e.job);
    else inputOf(e.source).datasets.set(refKey(e.dataset), e.dataset);
  }
  for (const e of edges) {
    const { graph } = inputOf(e.source);
    const job = nodeId('job', e.job);
    const dataset = nodeId('dataset', e.dataset);
    graph.nodes.push({ id: job, kind: 'job', ...e.job }, { id: dataset, kind: 'dataset', ...e.dataset });
    graph.edges.push(e.direction === 'input' ? { from: dataset, to: job } : { from: job, to: dataset });
  }
  return buildCatalog([...inputs.values()]);
}

/** The catalog of the nodes within reach of the view: the focus's walk (and one hop around expanded nodes). */
async function catalogAround(view: ExplorerView & { node: NodeRef }, maxWalkNodes = MAX_WALK_NODES): Promise<{ catalog: ExplorerCatalog; truncated: boolean }> {
  const { store } = await getRunIndex();
  const seeds = [view.node, ...view.expand].map((n) => ({ kind: n.kind, ref: { namespace: n.namespace, name: n.name } }));
  // Expanded nodes lie within the drawn graph, so one more hop than the view's depth reaches their neighbours.
  const hood = await store.neighbourhood(seeds, view.depth + (view.expand.length > 0 ? 1 : 0), maxWalkNodes);
  const jobs = new Map<string, { namespace: string; name: string }>();
  const datasets = new Map<string, { namespace: string; name: string }>();
  for (const s of seeds) (s.kind === 'job' ? jobs : datasets).set(refKey(s.ref), s.ref);
  for (const e of hood.edges) {
    jobs.set(refKey(e.job), e.job);
    datasets.set(refKey(e.dataset), e.dataset);
  }
  const entities = await store.graphEntities([...jobs.values()], [...datasets.values()]);
  return { catalog: catalogOf(hood.edges, entities), truncated: hood.truncated };
}

/** The lineage sources searched, each said to be still indexing while its backfill runs (the node may not be in yet). */
async function searchedNames(failures: SourceFailure[]): Promise<string> {
  const { sync } = await getRunIndex();
  const named = (id: string) => {
    const state = sync.find((s) => s.source === id);
    return state?.phase === 'backfill' ? `${id} (still indexing: ${state.indexed.toLocaleString('en-US')} records so far)` : id;
  };
  const names = [...getSources().lineage.map((s) => named(s.id)), ...failures.map((f) => `${f.source} (unavailable)`)];
  return names.length === 0 ? 'no lineage source is configured' : `the configured lineage sources: ${names.join(', ')}`;
}

export type LineageViewResult = { ok: true; graph: ExplorerGraph } | { ok: false; error: string };

export async function lineageView(view: ExplorerView & { node: NodeRef }): Promise<LineageViewResult> {
  const failures = unusableLineage();
  const { catalog, truncated } = await catalogAround(view);
  const graph = explorerGraph(catalog, view, failures);
  if (!graph) return { ok: false, error: `No ${view.node.kind} ${view.node.namespace} / ${view.node.name} in ${await searchedNames(failures)}.` };
  if (!truncated) return { ok: true, graph };
  const walked = `the walk around it stopped after ${MAX_WALK_NODES.toLocaleString('en-US')} nodes; more lie beyond`;
  return { ok: true, graph: { ...graph, cut: graph.cut ? `${graph.cut} (${walked})` : `Showing ${graph.shown.toLocaleString('en-US')} nodes: ${walked}.` } };
}

/**
 * The view's graph when it is small (at most `maxNodes` drawn, from a walk of at most 4 × that), else null: then
 * identical to lineageView's, so the explorer page can draw it with the HTML; a bigger one is left to the browser.
 */
export async function smallLineageView(view: ExplorerView & { node: NodeRef }, maxNodes: number): Promise<ExplorerGraph | null> {
  const { catalog, truncated } = await catalogAround(view, 4 * maxNodes);
  if (truncated) return null;
  const graph = explorerGraph(catalog, view, unusableLineage());
  return graph && graph.nodes.length <= maxNodes ? graph : null;
}

/** Names in the run index, and the sources' own search where they have one (Marquez /search). */
export async function lineageSearch(query: string, limit: number): Promise<ExplorerSearchResult> {
  const unavailableSources = unusableLineage();
  const hits: NodeRef[] = [];
  await Promise.all(getSources().lineage.map(async (source) => {
    if (!source.search) return;
    try {
      hits.push(...(await source.search(query, limit)).map((h) => ({ kind: h.kind, namespace: h.namespace, name: h.name })));
    } catch (error) {
      unavailableSources.push({ source: source.id, error: `search failed (${message(error)}); names in the run index were matched instead` });
    }
  }));
  const { store } = await getRunIndex();
  const named = (await store.searchEntities(query, limit)).map((h) => ({ kind: h.kind, namespace: h.namespace, name: h.name }));
  // Alias hits carry the dataset's own name, which may not contain the query: ranked after the name hits.
  hits.push(...matchNodes(named, query, limit), ...named);
  const unique = new Map(hits.map((ref) => [buildNodeParam(ref), ref]));
  return { hits: [...unique].slice(0, limit).map(([id, ref]) => ({ ...ref, id })), unavailableSources };
}

export async function lineageNodeDetail(ref: NodeRef): Promise<NodeDetail | null> {
  const index = await getRunIndex();
  const plain = { namespace: ref.namespace, name: ref.name };
  const entities = await index.store.graphEntities(ref.kind === 'job' ? [plain] : [], ref.kind === 'dataset' ? [plain] : []);
  const catalog = catalogOf([], entities);
  const id = buildNodeParam(ref);
  const node = catalog.nodes.get(id);
  if (!node) return null;
  // The job's latest runs, linked: the panel lists a handful, loaded by id from the index.
  if (ref.kind === 'job') await loadJobs(index, [plain]);
  const job = ref.kind === 'job' ? findJob(index, plain)?.job : undefined;
  await loadRuns(index, job?.runIds.slice(0, 50) ?? []);
  if (ref.kind === 'dataset') await loadDatasets(index, [plain]);
  const source = getSources().lineage.find((s) => s.id === entities[0]?.source);
  const fuller = ref.kind === 'dataset' && source?.dataset ? await source.dataset(plain).catch(() => null) : null;
  return nodeDetail(id, job ? { ...node, job } : node, {
    lineageRun: (runId) => findRun(index, runId)?.lineage ?? undefined,
    unifiedRun: (runId) => findRun(index, runId),
    dataset: fuller,
  });
}

export interface StartJob {
  ref: NodeRef;
  latestRunState: LineageRunState | null;
  updatedAt: string | null;
}

/** Jobs to start exploring from: the most recently updated first. */
export async function startJobs(limit: number): Promise<{ jobs: StartJob[]; totalJobs: number; failures: SourceFailure[]; configured: number }> {
  const { store } = await getRunIndex();
  const { jobs, total } = await store.newestJobs(limit);
  return {
    jobs: jobs.map((j) => ({ ref: { kind: 'job', namespace: j.namespace, name: j.name }, latestRunState: j.latestRunState, updatedAt: j.updatedAt })),
    totalJobs: total,
    failures: unusableLineage(),
    configured: getSources().lineage.length,
  };
}
