import { describe, expect, it } from 'vitest';
import type { ExperimentRun, LineageRun } from '@/lib/model';
import type { OpenIndex } from '@/lib/index/open';
import { countRuns, pageOfRuns, type RunSort } from '@/lib/index/run-page';
import { countRunsAndStages, stagesOfParents } from '@/lib/index/run-groups';
import { runsByIds } from '@/lib/index/run-rows';
import { applyChanges } from '@/lib/sync/apply-changes';
import { withFreshIndexes } from './fresh-index';
import { experimentRun, lineageRun } from '../join/factories';

const NOW = Date.parse('2026-11-26T00:00:00Z');
const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 20, hour, minute)).toISOString();
const hex = (i: number) => i.toString(16).padStart(32, '0');

// Two pipeline executions with lineage stages (the `parent` facet), an MLflow parent with child runs
// (`mlflow.parentRunId`, each with a metric but one), a stage whose parent is not indexed, and a standalone run.
const pipelineA = lineageRun('pipeline-a', { startedAt: at(1), job: { namespace: 'groot', name: 'groot.pipeline' } });
const pipelineB = lineageRun('pipeline-b', { startedAt: at(3), job: { namespace: 'groot', name: 'groot.pipeline' } });
const stagesOfA = ['load', 'dedup', 'filter', 'tokenize'].map((name, i) => lineageRun(`a-${name}`, {
  startedAt: at(1, 10 * (i + 1)), job: { namespace: 'groot', name: `groot.${name}` }, parent: { runId: 'pipeline-a', job: pipelineA.job },
}));
const stagesOfB = ['load', 'dedup'].map((name, i) => lineageRun(`b-${name}`, {
  startedAt: at(3, 10 * (i + 1)), job: { namespace: 'groot', name: `groot.${name}` }, parent: { runId: 'pipeline-b', job: pipelineB.job },
}));
const orphan = lineageRun('orphan-stage', { startedAt: at(5), parent: { runId: 'not-indexed', job: { namespace: 'groot', name: 'gone' } } });
const sweep = experimentRun(hex(100), { runName: 'sweep', startTime: Date.parse(at(2)) });
const trials = [0.4, 0.9, 0.1, null].map((rate, i) => experimentRun(hex(101 + i), {
  runName: `trial-${i}`, startTime: Date.parse(at(2, 10 * (i + 1))), tags: { 'mlflow.parentRunId': hex(100) },
  metrics: rate === null ? {} : { dedup_rate: { step: 0, timestamp: 0, value: rate } },
}));
const standalone = experimentRun(hex(200), { runName: 'notebook', startTime: Date.parse(at(4)) });

async function feed(index: OpenIndex, lineage: LineageRun[], experiment: ExperimentRun[]): Promise<void> {
  await applyChanges(index.db, { lineageRuns: lineage, experimentRuns: experiment }, NOW);
}

const freshIndex = withFreshIndexes();
const newest: RunSort = { kind: 'time', descending: true };

describe.each(['sqlite', 'postgres'] as const)('runs grouped with their stages on %s', (dialect) => {
  async function seeded(): Promise<OpenIndex> {
    const index = await freshIndex(dialect);
    // Stages first: a stage indexed before its parent is nested once the parent arrives.
    await feed(index, [...stagesOfA, ...stagesOfB, orphan], trials);
    await feed(index, [pipelineA, pipelineB], [sweep, standalone]);
    return index;
  }

  it('pages over top-level runs only (a stage whose parent is not indexed is one), and counts runs and stages apart', async () => {
    const index = await seeded();
    const page = await pageOfRuns(index.db, index.dialect, { topLevel: true, limit: 10, after: null, sort: newest });
    expect(page.runs.map((r) => r.id)).toEqual(['orphan-stage', hex(200), 'pipeline-b', hex(100), 'pipeline-a']);
    const first = await pageOfRuns(index.db, index.dialect, { topLevel: true, limit: 2, after: null, sort: newest });
    const second = await pageOfRuns(index.db, index.dialect, { topLevel: true, limit: 2, after: first.positions.at(-1)!, sort: newest });
    expect([...first.runs, ...second.runs].map((r) => r.id)).toEqual(['orphan-stage', hex(200), 'pipeline-b', hex(100)]);
    expect(await countRunsAndStages(index.db)).toEqual({ topLevel: 5, stages: 10 });
  });

  it('loads the shown parents\' stages in the list\'s order, at most N each, with each parent\'s full count', async () => {
    const index = await seeded();
    const groups = await stagesOfParents(index.db, ['pipeline-a', 'pipeline-b', hex(100), hex(200)], newest);
    expect(groups.get('pipeline-a')).toEqual({ ids: ['a-tokenize', 'a-filter', 'a-dedup', 'a-load'], total: 4 });
    expect(groups.get('pipeline-b')).toEqual({ ids: ['b-dedup', 'b-load'], total: 2 });
    expect(groups.has(hex(200))).toBe(false);
    const oldestFirst = await stagesOfParents(index.db, ['pipeline-a'], { kind: 'time', descending: false }, 3);
    expect(oldestFirst.get('pipeline-a')).toEqual({ ids: ['a-load', 'a-dedup', 'a-filter'], total: 4 });
    const byName = await stagesOfParents(index.db, [hex(100)], { kind: 'name', descending: true }, 2);
    expect(byName.get(hex(100))).toEqual({ ids: [hex(104), hex(103)], total: 4 });
  });

  it('gives a run its oldest stages as childIds, at most the limit asked', async () => {
    const index = await seeded();
    const [a] = await runsByIds(index.db, ['pipeline-a'], 2);
    expect(a?.childIds).toEqual(['a-load', 'a-dedup']);
    const [b, standaloneRun] = await runsByIds(index.db, ['pipeline-b', hex(200)]);
    expect([b?.childIds, standaloneRun?.childIds]).toEqual([['b-load', 'b-dedup'], []]);
  });

  it('sorts stages by a metric as the parents are sorted, runs without it last', async () => {
    const index = await seeded();
    const desc = await stagesOfParents(index.db, [hex(100)], { kind: 'metric', key: 'dedup_rate', descending: true });
    expect(desc.get(hex(100))?.ids).toEqual([hex(102), hex(101), hex(103), hex(104)]);
    const asc = await stagesOfParents(index.db, [hex(100)], { kind: 'metric', key: 'dedup_rate', descending: false });
    expect(asc.get(hex(100))?.ids).toEqual([hex(103), hex(101), hex(102), hex(104)]);
    // The parents themselves: none has the metric, so they keep newest first after any that have it.
    const parents = await pageOfRuns(index.db, index.dialect, { topLevel: true, limit: 10, after: null, sort: { kind: 'metric', key: 'dedup_rate', descending: true } });
    expect(parents.runs.map((r) => r.id)).toEqual(['orphan-stage', hex(200), 'pipeline-b', hex(100), 'pipeline-a']);
  });

  it('still finds a stage whose parent does not match a filter (the filtered list is flat)', async () => {
    const index = await seeded();
    const page = await pageOfRuns(index.db, index.dialect, { q: 'trial-1', limit: 10, after: null, sort: newest });
    expect(page.runs.map((r) => [r.id, r.parentId])).toEqual([[hex(102), hex(100)]]);
    expect(await countRuns(index.db, index.dialect, { parentId: 'pipeline-a' })).toBe(4);
  });
});
