import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { joinRuns } from '@/lib/join';
import type { ExperimentRun, LineageRun, UnifiedRun } from '@/lib/model';
import type { OpenIndex } from '@/lib/index/open';
import { countRuns, pageOfRuns } from '@/lib/index/run-page';
import { runsByIdKeys } from '@/lib/index/run-queries';
import { holdLease, readSyncState, saveSyncProgress } from '@/lib/index/sync-state';
import { idKey } from '@/lib/join';
import { applyChanges } from '@/lib/sync/apply-changes';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import { withFreshIndexes } from './fresh-index';
import { experimentRun, lineageRun, mlflowFacet } from '../join/factories';

const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
const NOW = Date.parse('2026-11-26T00:00:00Z');

interface Records {
  lineage: LineageRun[];
  experiment: ExperimentRun[];
}

async function grootRecords(): Promise<Records> {
  const [l, e] = await Promise.all([
    createOpenLineageFileSource([path.join(GROOT, 'openlineage', 'events')], { refreshIntervalMs: 0 }).snapshot(),
    createMlflowStoreSource({ kind: 'sqlite', path: path.join(GROOT, 'mlflow-server', 'mlflow.db') }).snapshot(),
  ]);
  return { lineage: [...l.runs.values()], experiment: [...e.runs.values()] };
}

async function demoRecords(): Promise<Records> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-index-demo-'));
  try {
    generateDemoData({ outDir: dir, force: true });
    const [l, e] = await Promise.all([
      createOpenLineageFileSource([path.join(dir, 'openlineage')], { refreshIntervalMs: 0 }).snapshot(),
      createMlflowStoreSource({ kind: 'sqlite', path: path.join(dir, 'mlflow.db') }).snapshot(),
    ]);
    return { lineage: [...l.runs.values()], experiment: [...e.runs.values()] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a joined run says, independent of storage: its sides, link, nesting and notes. */
function shape(run: UnifiedRun) {
  return {
    id: run.id, lineage: run.lineage?.runId ?? null, experiment: run.experiment?.runId ?? null, link: run.link,
    parentId: run.parentId, childIds: [...run.childIds].sort(), notes: [...run.notes].sort(),
  };
}

async function everyRun(index: OpenIndex): Promise<UnifiedRun[]> {
  const out: UnifiedRun[] = [];
  let after = null;
  for (;;) {
    const page = await pageOfRuns(index.db, index.dialect, { limit: 7, after, sort: { kind: 'time', descending: true } });
    out.push(...page.runs);
    if (!page.more) return out;
    after = page.positions.at(-1) ?? null;
  }
}

const expectedShapes = (r: Records) => joinRuns(r.lineage, r.experiment, NOW).map(shape).sort((a, b) => a.id.localeCompare(b.id));
const storedShapes = async (index: OpenIndex) => (await everyRun(index)).map(shape).sort((a, b) => a.id.localeCompare(b.id));

/** Batches of records in a given order: the incremental join must not depend on how they arrive. */
async function feed(index: OpenIndex, batches: Array<Partial<Records>>): Promise<void> {
  for (const b of batches) await applyChanges(index.db, { lineageRuns: b.lineage ?? [], experimentRuns: b.experiment ?? [] }, NOW);
}

const one = <T,>(items: T[], side: 'lineage' | 'experiment') => items.map((item) => ({ [side]: [item] }) as Partial<Records>);

const freshIndex = withFreshIndexes();

describe.each(['sqlite', 'postgres'] as const)('the run index on %s', (dialect) => {
  let groot: Records;
  let demo: Records;
  beforeAll(async () => {
    [groot, demo] = await Promise.all([grootRecords(), demoRecords()]);
  }, 60_000);

  it('joins groot-a exactly as joinRuns does over everything', async () => {
    const index = await freshIndex(dialect);
    await feed(index, [{ lineage: groot.lineage, experiment: groot.experiment }]);
    expect(await storedShapes(index)).toEqual(expectedShapes(groot));
  });

  it('gives the same answers whatever order and batches the demo records arrive in', async () => {
    const expected = expectedShapes(demo);
    const experimentsFirst = await freshIndex(dialect);
    await feed(experimentsFirst, [...one(demo.experiment, 'experiment'), ...one([...demo.lineage].reverse(), 'lineage')]);
    expect(await storedShapes(experimentsFirst)).toEqual(expected);
    const interleaved = await freshIndex(dialect);
    const mixed = demo.lineage.flatMap((l, i) => [{ lineage: [l] }, { experiment: demo.experiment.slice(i * 2, i * 2 + 2) }]);
    await feed(interleaved, [...mixed, { experiment: demo.experiment.slice(demo.lineage.length * 2) }]);
    expect(await storedShapes(interleaved)).toEqual(expected);
  });

  it('re-joins a run when its evidence changes later, and nests a child whose parent arrives after it', async () => {
    const index = await freshIndex(dialect);
    const parent = lineageRun('pipeline-1', { startedAt: '2026-11-20T01:00:00.000Z' });
    const child = lineageRun('stage-1', { parent: { runId: 'pipeline-1', job: parent.job } });
    const experiment = experimentRun('a'.repeat(32));
    await feed(index, [{ lineage: [child], experiment: [experiment] }]);
    let [stage] = (await runsByIdKeys(index.db, [idKey('stage-1')])).runs;
    expect(stage?.link).toBeNull();
    expect(stage?.parentId).toBeNull();
    // The stage's next event names the MLflow run; then the pipeline run arrives.
    await feed(index, [{ lineage: [{ ...child, facets: mlflowFacet('a'.repeat(32)) }] }, { lineage: [parent] }]);
    [stage] = (await runsByIdKeys(index.db, [idKey('a'.repeat(32))])).runs;
    expect(stage?.id).toBe('stage-1');
    expect(stage?.link?.rule).toBe('mlflow-facet');
    expect(stage?.parentId).toBe('pipeline-1');
    const [pipeline] = (await runsByIdKeys(index.db, [idKey('pipeline-1')])).runs;
    expect(pipeline?.childIds).toEqual(['stage-1']);
    expect(await countRuns(index.db, index.dialect, {})).toBe(2);
  });

  it('drops the records a complete pass did not carry, and their runs', async () => {
    const index = await freshIndex(dialect);
    const keep = lineageRun('keep');
    const gone = lineageRun('gone');
    await applyChanges(index.db, { lineageRuns: [keep, gone], pass: { source: 'openlineage-files', number: 1, complete: true } }, NOW);
    await applyChanges(index.db, { lineageRuns: [keep], pass: { source: 'openlineage-files', number: 2, complete: true } }, NOW);
    expect((await everyRun(index)).map((r) => r.id)).toEqual(['keep']);
    expect((await runsByIdKeys(index.db, [idKey('gone')])).runs).toEqual([]);
  });

  it('finds runs by a substring of a name or id, filtered and sorted by a metric', async () => {
    const index = await freshIndex(dialect);
    const runs = [0.5, 0.9, 0.1].map((value, i) => experimentRun(`${i}`.repeat(32), {
      runName: `dedup-trial-${i}`, startTime: NOW - i * 1000, metrics: { dedup_rate: { step: 0, timestamp: 0, value } },
    }));
    await feed(index, [{ experiment: runs }]);
    const page = await pageOfRuns(index.db, index.dialect, { limit: 10, after: null, q: 'TRIAL', sort: { kind: 'metric', key: 'dedup_rate', descending: true } });
    expect(page.runs.map((r) => r.experiment?.runName)).toEqual(['dedup-trial-1', 'dedup-trial-0', 'dedup-trial-2']);
    const two = await pageOfRuns(index.db, index.dialect, { limit: 1, after: page.positions[0]!, q: 'trial', sort: { kind: 'metric', key: 'dedup_rate', descending: true } });
    expect(two.runs.map((r) => r.experiment?.runName)).toEqual(['dedup-trial-0']);
    expect(await countRuns(index.db, index.dialect, { q: 'trial-2' })).toBe(1);
    // Postgres refuses NUL in text, FTS5 in a phrase: control characters are spaces before either sees them.
    expect(await countRuns(index.db, index.dialect, { q: '\u0000trial-2\u0000' })).toBe(1);
  });

  it('grants a source lease to one replica at a time, and to another once it expires', async () => {
    const index = await freshIndex(dialect);
    expect(await holdLease(index.db, 'mlflow', 'replica-a', 30_000, 1_000)).toBe(true);
    expect(await holdLease(index.db, 'mlflow', 'replica-b', 30_000, 2_000)).toBe(false);
    expect(await saveSyncProgress(index.db, 'mlflow', 'replica-b', { cursor: 'x', phase: 'follow', indexed: 1, estimated_total: 1, last_error: null })).toBe(false);
    expect(await holdLease(index.db, 'mlflow', 'replica-a', 30_000, 20_000)).toBe(true);
    expect(await holdLease(index.db, 'mlflow', 'replica-b', 30_000, 60_000)).toBe(true);
    expect((await readSyncState(index.db, 'mlflow'))?.lease_owner).toBe('replica-b');
  });
});
