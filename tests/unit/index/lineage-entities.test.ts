import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin, RootOperationNode } from 'kysely';
import { refKey, type Dataset, type Job, type RunDataset } from '@/lib/model';
import { datasetsByRefs, edgesTouching, jobsByRefs, newestJobs } from '@/lib/index/lineage-queries';
import { neighbourhoodEdges } from '@/lib/index/lineage-graph';
import { addRunEdges, upsertDatasets, upsertJobs } from '@/lib/index/lineage-entities';
import { lineageRun } from '../join/factories';
import { applyChanges } from '@/lib/sync/apply-changes';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import { withFreshIndexes } from './fresh-index';

const SOURCE = 'openlineage-files';
const fresh = withFreshIndexes();

let demo: LineageSnapshot;

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-entities-'));
  try {
    generateDemoData({ outDir: dir, force: true });
    demo = await createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const job = (overrides: Partial<Job> = {}): Job => ({
  namespace: 'ns', name: 'etl.dedup', type: 'JOB', description: null, facets: { a: { v: 1 } },
  inputs: [{ namespace: 's3://b', name: 'in' }], outputs: [{ namespace: 's3://b', name: 'out' }],
  runIds: [], latestRunState: 'COMPLETED', updatedAt: '2026-12-01T00:00:00.000Z', ...overrides,
});

/** Counts statements by kind and table ("select lineage_jobs") as Kysely hands them to the database. */
function statementCounter(): { counting: KyselyPlugin; statements: Map<string, number> } {
  const statements = new Map<string, number>();
  type Named = { table?: { identifier?: { name?: string } } };
  const counting: KyselyPlugin = {
    transformQuery: ({ node }) => {
      const shaped = node as RootOperationNode & { from?: { froms: Named[] }; into?: Named };
      const table = node.kind === 'SelectQueryNode' ? shaped.from?.froms[0]?.table?.identifier?.name : node.kind === 'InsertQueryNode' ? shaped.into?.table?.identifier?.name : undefined;
      const key = `${node.kind === 'SelectQueryNode' ? 'select' : 'insert'} ${table}`;
      if (table !== undefined) statements.set(key, (statements.get(key) ?? 0) + 1);
      return node;
    },
    transformResult: async ({ result }) => result,
  };
  return { counting, statements };
}

describe.each(['sqlite', 'postgres'] as const)('lineage entities on %s', (dialect) => {
  it('gives back every job and dataset of the demo as the snapshot built them (runs and versions by the index)', async () => {
    const index = await fresh(dialect);
    await applyChanges(index.db, { lineageRuns: [...demo.runs.values()], entities: { source: SOURCE, jobs: [...demo.jobs.values()], datasets: [...demo.datasets.values()] } });
    const jobs = await jobsByRefs(index.db, [...demo.jobs.values()]);
    expect(jobs).toHaveLength(demo.jobs.size);
    for (const { job: got, runsTotal } of jobs) {
      const want = demo.jobs.get(refKey(got))!;
      expect({ ...got, runIds: [] }).toEqual({ ...want, runIds: [] });
      expect(new Set(got.runIds)).toEqual(new Set(want.runIds));
      expect(runsTotal).toBe(want.runIds.length);
    }
    const datasets = await datasetsByRefs(index.db, [...demo.datasets.values()]);
    expect(datasets.size).toBe(demo.datasets.size);
    for (const [key, want] of demo.datasets) {
      const got = datasets.get(key)!;
      expect(got.versionsTotal).toBe(want.versions.length);
      const order = (d: Dataset) => [...d.versions].sort((a, b) => a.id.localeCompare(b.id));
      expect(order(got.dataset)).toEqual(order(want));
      expect({ ...got.dataset, versions: [] }).toEqual({ ...want, versions: [], lifecycle: want.lifecycle ?? [] });
    }
  });

  it('reads a window of a dataset\'s versions from any place, newest first, and counts them all', async () => {
    const index = await fresh(dialect);
    await applyChanges(index.db, { lineageRuns: [...demo.runs.values()], entities: { source: SOURCE, jobs: [...demo.jobs.values()], datasets: [...demo.datasets.values()] } });
    const most = [...demo.datasets.values()].sort((a, b) => b.versions.length - a.versions.length)[0]!;
    expect(most.versions.length).toBeGreaterThanOrEqual(3);
    const all = [...(await datasetsByRefs(index.db, [most])).values()][0]!;
    const window = [...(await datasetsByRefs(index.db, [most], 2, 1)).values()][0]!;
    expect(window.dataset.versions.map((v) => v.id)).toEqual(all.dataset.versions.slice(1, 3).map((v) => v.id));
    expect(window.versionsTotal).toBe(most.versions.length);
  });

  it('walks the same job↔dataset graph the lineage model draws (the reads and writes of every run), and stops at its bound', async () => {
    const index = await fresh(dialect);
    await applyChanges(index.db, { lineageRuns: [...demo.runs.values()], entities: { source: SOURCE, jobs: [...demo.jobs.values()], datasets: [...demo.datasets.values()] } });
    const nodes = new Map(demo.graph.nodes.map((n) => [n.id, n]));
    const want = new Set(demo.graph.edges.map((e) => {
      const from = nodes.get(e.from)!;
      const to = nodes.get(e.to)!;
      return from.kind === 'job' ? `${from.name} -> ${to.namespace}/${to.name}` : `${from.namespace}/${from.name} -> ${to.name}`;
    }));
    const seeds = [...demo.jobs.values()].map((ref) => ({ kind: 'job' as const, ref }));
    const walked = await neighbourhoodEdges(index.db, seeds, 50, 100_000);
    const got = new Set(walked.edges.map((e) => (e.direction === 'output' ? `${e.job.name} -> ${e.dataset.namespace}/${e.dataset.name}` : `${e.dataset.namespace}/${e.dataset.name} -> ${e.job.name}`)));
    expect(walked.truncated).toBe(false);
    expect(got).toEqual(want);
    const bounded = await neighbourhoodEdges(index.db, seeds.slice(0, 1), 50, 3);
    expect(bounded.truncated).toBe(true);
  });

  it('keeps the newer report: an older one adds only facets the job lacks; every report adds to its edges', async () => {
    const index = await fresh(dialect);
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [job()], datasets: [] } });
    const older = job({ updatedAt: '2026-11-01T00:00:00.000Z', type: 'DAG', facets: { a: { v: 0 }, b: { v: 2 } }, inputs: [{ namespace: 's3://b', name: 'old' }], latestRunState: 'FAILED' });
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [older], datasets: [] } });
    const [stored] = await jobsByRefs(index.db, [job()]);
    expect(stored!.job).toMatchObject({ type: 'JOB', facets: { a: { v: 1 }, b: { v: 2 } }, latestRunState: 'COMPLETED' });
    expect(stored!.job.inputs).toEqual([{ namespace: 's3://b', name: 'in' }]);
    // The graph is the union over the job's reports and runs, as the lineage model draws it.
    const edges = await edgesTouching(index.db, { jobs: [job()], datasets: [] }, 10);
    expect(edges.filter((e) => e.direction === 'input').map((e) => e.dataset.name).sort()).toEqual(['in', 'old']);

    const newer = job({ updatedAt: '2026-12-02T00:00:00.000Z', facets: { c: { v: 3 } }, inputs: [], outputs: [], latestRunState: 'RUNNING' });
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [newer], datasets: [] } });
    const [after] = await jobsByRefs(index.db, [job()]);
    // A report naming no datasets (a JobEvent) keeps the job's graph.
    expect(after!.job).toMatchObject({ facets: { a: { v: 1 }, b: { v: 2 }, c: { v: 3 } }, latestRunState: 'RUNNING', outputs: [{ namespace: 's3://b', name: 'out' }] });
    expect(await edgesTouching(index.db, { jobs: [], datasets: [{ namespace: 's3://b', name: 'out' }] }, 10)).toEqual([
      { job: { namespace: 'ns', name: 'etl.dedup' }, dataset: { namespace: 's3://b', name: 'out' }, direction: 'output' },
    ]);
  });

  it('finds a dataset by an alias, adds versions one row each, and drops what a complete pass no longer carries', async () => {
    const index = await fresh(dialect);
    const version = (n: number) => ({ id: `r${n}/s3://b/out`, namespace: 's3://b', name: 'out', version: `v${n}`, createdByRunId: `r${n}`, createdAt: `2026-12-0${n}T00:00:00.000Z`, facets: {}, rowCount: n, consumedByRunIds: [`reader${n}`] });
    const dataset: Dataset = { namespace: 's3://b', name: 'out', facets: {}, versions: [version(1)], updatedAt: '2026-12-01T00:00:00.000Z', aliases: [{ namespace: 'hive', name: 'db.out' }] };
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [job()], datasets: [dataset] }, pass: { source: SOURCE, number: 1, complete: false } });
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [], datasets: [{ ...dataset, versions: [version(2)], updatedAt: '2026-12-02T00:00:00.000Z' }] }, pass: { source: SOURCE, number: 1, complete: false } });
    const byAlias = (await datasetsByRefs(index.db, [{ namespace: 'hive', name: 'db.out' }])).get(refKey({ namespace: 'hive', name: 'db.out' }))!;
    expect(byAlias.dataset.name).toBe('out');
    expect(byAlias.dataset.versions.map((v) => v.version)).toEqual(['v2', 'v1']);
    expect(byAlias.dataset.versions[1]!.consumedByRunIds).toEqual(['reader1']);

    // Pass 2 carries the dataset with its newest version only, and no job: the rest is gone upstream.
    await applyChanges(index.db, { entities: { source: SOURCE, jobs: [], datasets: [{ ...dataset, versions: [version(2)], updatedAt: '2026-12-02T00:00:00.000Z' }] }, pass: { source: SOURCE, number: 2, complete: true } });
    const after = (await datasetsByRefs(index.db, [dataset])).get(refKey(dataset))!;
    expect(after.dataset.versions.map((v) => v.version)).toEqual(['v2']);
    expect(await jobsByRefs(index.db, [job()])).toEqual([]);
    expect((await newestJobs(index.db, 10)).total).toBe(0);
  });

  it('writes the same job or dataset reported twice in one batch as it does when they come in two', async () => {
    const older = job({ updatedAt: '2026-11-01T00:00:00.000Z', type: 'DAG', facets: { a: { v: 0 }, b: { v: 2 } }, inputs: [{ namespace: 's3://b', name: 'old' }], latestRunState: 'FAILED' });
    const dataset = (alias: string, day: number): Dataset => ({ namespace: 's3://b', name: 'out', facets: { [alias]: { v: day } }, versions: [], updatedAt: `2026-12-0${day}T00:00:00.000Z`, aliases: [{ namespace: 'hive', name: alias }] });
    const inOne = await fresh(dialect);
    await applyChanges(inOne.db, { entities: { source: SOURCE, jobs: [job(), older], datasets: [dataset('db.a', 1), dataset('db.b', 2)] } });
    const inTwo = await fresh(dialect);
    await applyChanges(inTwo.db, { entities: { source: SOURCE, jobs: [job()], datasets: [dataset('db.a', 1)] } });
    await applyChanges(inTwo.db, { entities: { source: SOURCE, jobs: [older], datasets: [dataset('db.b', 2)] } });
    const stored = async (db: typeof inOne.db) => ({
      jobs: await jobsByRefs(db, [job()]),
      byAlias: [...(await datasetsByRefs(db, [{ namespace: 'hive', name: 'db.a' }, { namespace: 'hive', name: 'db.b' }])).values()].map((d) => d.dataset),
    });
    const once = await stored(inOne.db);
    expect(once.jobs[0]!.job).toMatchObject({ type: 'JOB', facets: { a: { v: 1 }, b: { v: 2 } } });
    // Both aliases find the dataset, which holds both reports' facets.
    expect(once.byAlias.map((d) => [d.name, d.facets])).toEqual([['out', { 'db.a': { v: 1 }, 'db.b': { v: 2 } }], ['out', { 'db.a': { v: 1 }, 'db.b': { v: 2 } }]]);
    expect(once).toEqual(await stored(inTwo.db));
  });

  it('looks up the stored jobs and datasets of a batch, and adds the jobs\' edges, a hundred at a time, not one by one', async () => {
    const index = await fresh(dialect);
    const { counting, statements } = statementCounter();
    const jobs = Array.from({ length: 250 }, (_, i) => job({ name: `job.${i}` }));
    const datasets = Array.from({ length: 250 }, (_, i): Dataset => ({ namespace: 's3://b', name: `table.${i}`, facets: {}, versions: [], updatedAt: '2026-12-01T00:00:00.000Z', aliases: [] }));
    const db = index.db.withPlugin(counting);
    expect(await upsertJobs(db, SOURCE, jobs, 0) + await upsertDatasets(db, SOURCE, datasets, 0)).toBe(500);
    expect([statements.get('select lineage_jobs'), statements.get('select lineage_datasets')]).toEqual([3, 3]);
    // Each job reads one dataset and writes another: their 500 edges in 5 inserts.
    expect(statements.get('insert lineage_edges')).toBe(5);
    expect((await newestJobs(index.db, 10)).total).toBe(250);
    expect((await datasetsByRefs(index.db, datasets)).size).toBe(250);
  });

  it("adds the edges of a chunk's runs in inserts of a hundred rows, a dropped output drawing none", async () => {
    const index = await fresh(dialect);
    const { counting, statements } = statementCounter();
    const read = (name: string): RunDataset => ({ namespace: 's3://b', name, version: null, facets: {}, ioFacets: {}, rowCount: null, size: null, producedByRunId: null });
    const runs = Array.from({ length: 250 }, (_, i) => lineageRun(`run-${i}`, {
      job: { namespace: 'ns', name: `job-${i % 10}` },
      inputs: [read(`in.${i}`)],
      outputs: [read(`out.${i % 5}`), { ...read('gone'), lifecycleChange: 'DROP' }],
    }));
    await upsertJobs(index.db, SOURCE, Array.from({ length: 10 }, (_, i) => job({ name: `job-${i}`, inputs: [], outputs: [] })), 0);
    await addRunEdges(index.db.withPlugin(counting), runs);
    // 500 edges, of them 450 new: 5 inserts.
    expect(statements.get('insert lineage_edges')).toBe(5);
    const edges = await edgesTouching(index.db, { jobs: [{ namespace: 'ns', name: 'job-3' }], datasets: [] }, 100);
    expect(edges.filter((e) => e.direction === 'input')).toHaveLength(25);
    expect(edges.filter((e) => e.direction === 'output').map((e) => e.dataset.name)).toEqual(['out.3']);
  });

  it('lists the most recently updated jobs first, with the total', async () => {
    const index = await fresh(dialect);
    const jobs = Array.from({ length: 30 }, (_, i) => job({ name: `job-${String(i).padStart(2, '0')}`, updatedAt: new Date(Date.UTC(2026, 11, 1, 0, i)).toISOString() }));
    await applyChanges(index.db, { entities: { source: SOURCE, jobs, datasets: [] } });
    const listed = await newestJobs(index.db, 5);
    expect(listed.total).toBe(30);
    expect(listed.jobs.map((j) => j.name)).toEqual(['job-29', 'job-28', 'job-27', 'job-26', 'job-25']);
  });
});
