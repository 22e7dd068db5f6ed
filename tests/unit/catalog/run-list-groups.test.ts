import { beforeAll, describe, expect, it } from 'vitest';
import { pageRuns, runListQuerySchema, type RunPage } from '@/lib/catalog/run-list';
import type { RunIndex } from '@/lib/catalog/run-index';
import { STAGES_PER_PARENT } from '@/lib/index/run-groups';
import { lineageRun } from '../join/factories';
import { indexOf } from './catalog-index';

const at = (hour: number, minute = 0) => new Date(Date.UTC(2026, 10, 20, hour, minute)).toISOString();
const job = { namespace: 'groot', name: 'groot.pipeline' };
// Two pipeline executions, the older with more stages than a group shows, the newer with two; one standalone run.
const big = lineageRun('pipeline-big', { startedAt: at(1), job });
const small = lineageRun('pipeline-small', { startedAt: at(3), job });
const bigStages = Array.from({ length: STAGES_PER_PARENT + 5 }, (_, i) => lineageRun(`big-${String(i).padStart(3, '0')}`, {
  startedAt: at(1, i + 1), job: { namespace: 'groot', name: `groot.stage-${i}` }, parent: { runId: big.runId, job },
}));
const smallStages = ['load', 'dedup'].map((name, i) => lineageRun(`small-${name}`, {
  startedAt: at(3, i + 1), job: { namespace: 'groot', name: `groot.${name}` }, parent: { runId: small.runId, job }, state: i === 1 ? 'FAILED' : 'COMPLETED',
}));
const standalone = lineageRun('standalone', { startedAt: at(2) });
const all = [big, small, standalone, ...bigStages, ...smallStages];

let index: RunIndex;
beforeAll(async () => {
  index = await indexOf([{ version: 1, runs: new Map(all.map((r) => [r.runId, r])), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } }], []);
});

async function page(q: Record<string, string>, groupByDefault = false): Promise<RunPage> {
  const result = await pageRuns(index.store, runListQuerySchema.parse(q), groupByDefault);
  if ('error' in result) throw new Error(result.error);
  return result;
}

describe('the runs list grouped by pipeline execution', () => {
  it('stays flat by default for the API: every run, stages included, counted together', async () => {
    const flat = await page({ limit: '100' });
    expect(flat.grouped).toBeNull();
    expect(flat.total).toBe(all.length);
    expect(flat.runs).toHaveLength(all.length);
  });

  it('with group=stages lists top-level runs, each with its first stages and how many it has', async () => {
    const grouped = await page({ group: 'stages' });
    expect(grouped.runs.map((r) => r.id)).toEqual(['pipeline-small', 'standalone', 'pipeline-big']);
    expect(grouped.total).toBe(3);
    expect(grouped.grouped?.stagesTotal).toBe(bigStages.length + smallStages.length);
    const stages = new Map(grouped.grouped?.stages.map((g) => [g.parentId, g]));
    expect(stages.get('pipeline-small')?.runs.map((r) => r.id)).toEqual(['small-dedup', 'small-load']);
    expect(stages.get('pipeline-big')?.total).toBe(bigStages.length);
    expect(stages.get('pipeline-big')?.runs.map((r) => r.id)).toEqual(bigStages.slice(-STAGES_PER_PARENT).map((r) => r.runId).reverse());
    expect(stages.has('standalone')).toBe(false);
  });

  it('pages over top-level runs with the keyset cursor', async () => {
    const first = await page({ group: 'stages', limit: '2' });
    const second = await page({ group: 'stages', limit: '2', cursor: first.nextCursor! });
    expect([...first.runs, ...second.runs].map((r) => r.id)).toEqual(['pipeline-small', 'standalone', 'pipeline-big']);
    expect(second.nextCursor).toBeNull();
  });

  it('lists flat when filtering, so a stage matches even when its pipeline does not; the page groups unless told group=none', async () => {
    const failed = await page({ group: 'stages', status: 'FAILED' });
    expect(failed.grouped).toBeNull();
    expect(failed.runs.map((r) => [r.id, r.parentId])).toEqual([['small-dedup', 'pipeline-small']]);
    expect((await page({}, true)).grouped).not.toBeNull();
    expect((await page({ group: 'none' }, true)).grouped).toBeNull();
  });

  it('lists one run\'s stages with parent=<id>, naming the parent', async () => {
    const stages = await page({ parent: 'pipeline-big', limit: '10' });
    expect(stages.total).toBe(bigStages.length);
    expect(stages.runs).toHaveLength(10);
    expect(stages.runs.every((r) => r.parentId === 'pipeline-big')).toBe(true);
    expect(stages.parent?.id).toBe('pipeline-big');
  });
});
