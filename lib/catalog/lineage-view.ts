import 'server-only';
import type { ExplorerGraph, ExplorerSearchResult, NodeDetail } from '@/lib/graph/explorer-api';
import { buildCatalog, type ExplorerCatalog } from '@/lib/graph/explorer-catalog';
import { nodeDetail } from '@/lib/graph/explorer-detail';
import { buildNodeParam, type NodeRef } from '@/lib/graph/explorer-node-param';
import { matchAliases, matchNodes } from '@/lib/graph/explorer-search';
import type { ExplorerView } from '@/lib/graph/explorer-url';
import { explorerGraph } from '@/lib/graph/explorer-view';
import { refKey, type LineageRunState } from '@/lib/model';
import { getSources, type LineageSnapshot, type LineageSource } from '@/lib/sources';
import { findRun, getRunIndex, loadRuns, sourceFailure, type SourceFailure } from './run-index';

/** The lineage explorer's data: every lineage source's snapshot merged into one catalog, rebuilt only when one changed. */

interface Loaded {
  pairs: Array<{ source: LineageSource; snapshot: LineageSnapshot }>;
  catalog: ExplorerCatalog;
  failures: SourceFailure[];
}

let cached: { key: string; catalog: ExplorerCatalog } | null = null;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

async function load(): Promise<Loaded> {
  const { lineage, unusable } = getSources();
  const settled = await Promise.allSettled(lineage.map((s) => s.snapshot()));
  const pairs: Loaded['pairs'] = [];
  const failures: SourceFailure[] = unusable.filter((u) => u.kind === 'lineage').map((u) => ({ source: u.id, error: u.error ?? 'not usable' }));
  settled.forEach((result, i) => {
    const source = lineage[i];
    if (source === undefined) return;
    if (result.status === 'fulfilled') pairs.push({ source, snapshot: result.value });
    else failures.push(sourceFailure(source.id, result.reason));
  });
  const key = JSON.stringify(pairs.map((p) => [p.source.id, p.snapshot.version]));
  // A source with dataset() lists versions only when asked: the explorer says "loads on click" for them.
  if (cached?.key !== key) cached = { key, catalog: buildCatalog(pairs.map((p) => ({ ...p.snapshot, versionsOnDemand: p.source.dataset !== undefined }))) };
  return { pairs, catalog: cached.catalog, failures };
}

function searchedNames(loaded: Loaded): string {
  const names = [...loaded.pairs.map((p) => p.source.id), ...loaded.failures.map((f) => `${f.source} (unavailable)`)];
  return names.length === 0 ? 'no lineage source is configured' : `the configured lineage sources: ${names.join(', ')}`;
}

export type LineageViewResult = { ok: true; graph: ExplorerGraph } | { ok: false; error: string };

export async function lineageView(view: ExplorerView & { node: NodeRef }): Promise<LineageViewResult> {
  const loaded = await load();
  const graph = explorerGraph(loaded.catalog, view, loaded.failures);
  if (graph) return { ok: true, graph };
  return { ok: false, error: `No ${view.node.kind} ${view.node.namespace} / ${view.node.name} in ${searchedNames(loaded)}.` };
}

/** A source's own search when it has one (Marquez /search); names in the snapshot for the others, or when it fails. */
export async function lineageSearch(query: string, limit: number): Promise<ExplorerSearchResult> {
  const loaded = await load();
  const unavailableSources = [...loaded.failures];
  const byName = new Set<number>();
  const hits: NodeRef[] = [];
  await Promise.all(
    loaded.pairs.map(async ({ source }, i) => {
      if (!source.search) {
        byName.add(i);
        return;
      }
      try {
        hits.push(...(await source.search(query, limit)).map((h) => ({ kind: h.kind, namespace: h.namespace, name: h.name })));
      } catch (error) {
        unavailableSources.push({ source: source.id, error: `search failed (${message(error)}); names in its snapshot were matched instead` });
        byName.add(i);
      }
    }),
  );
  const local = [...loaded.catalog.nodes.values()].filter((n) => byName.has(n.source)).map((n) => n.ref);
  hits.push(...matchNodes(local, query, limit));
  const aliased = loaded.pairs.flatMap(({ snapshot }, i) => (byName.has(i) ? [...snapshot.datasets.values()] : []))
    .filter((d) => (d.aliases?.length ?? 0) > 0)
    .map((d) => ({ ref: { kind: 'dataset' as const, namespace: d.namespace, name: d.name }, aliases: (d.aliases ?? []).map((a) => ({ kind: 'dataset' as const, ...a })) }));
  hits.push(...matchAliases(aliased, query, limit));
  const unique = new Map(hits.map((ref) => [buildNodeParam(ref), ref]));
  return { hits: [...unique].slice(0, limit).map(([id, ref]) => ({ ...ref, id })), unavailableSources };
}

export async function lineageNodeDetail(ref: NodeRef): Promise<NodeDetail | null> {
  const loaded = await load();
  const id = buildNodeParam(ref);
  const node = loaded.catalog.nodes.get(id);
  if (!node) return null;
  const pair = loaded.pairs[node.source];
  const index = await getRunIndex();
  // The job's latest runs, linked: the panel lists a handful, loaded by id from the index.
  const job = ref.kind === 'job' ? pair?.snapshot.jobs.get(refKey(ref)) : undefined;
  await loadRuns(index, job?.runIds.slice(0, 50) ?? []);
  const fuller = ref.kind === 'dataset' && pair?.source.dataset ? await pair.source.dataset({ namespace: ref.namespace, name: ref.name }).catch(() => null) : null;
  return nodeDetail(id, node, {
    lineageRun: (runId) => pair?.snapshot.runs.get(runId),
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
  const loaded = await load();
  const jobs = [...loaded.catalog.nodes.values()]
    .filter((n) => n.ref.kind === 'job')
    .map((n) => ({ ref: n.ref, latestRunState: n.latestRunState, updatedAt: n.job?.updatedAt ?? null }));
  const time = (j: StartJob): number => Date.parse(j.updatedAt ?? '') || 0;
  jobs.sort((a, b) => time(b) - time(a) || a.ref.name.localeCompare(b.ref.name));
  return { jobs: jobs.slice(0, limit), totalJobs: jobs.length, failures: loaded.failures, configured: getSources().lineage.length };
}
