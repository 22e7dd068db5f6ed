import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadRuns, type RunIndex } from '@/lib/catalog/run-index';
import { runUpstreamModel } from '@/lib/catalog/upstream';
import { GROOT, grootIndex } from './catalog-index';
import { countingStore, requestView, syncedTo } from './counting-store';

const expected = JSON.parse(fs.readFileSync(path.join(GROOT, 'EXPECTED.json'), 'utf8')) as { executions: Array<{ stages: Array<{ stage: string; openlineage_run_id: string }> }> };
const tokenization = expected.executions[0]!.stages.find((s) => s.stage === 'tokenization')!.openlineage_run_id;

let index: RunIndex;
beforeAll(async () => {
  index = await grootIndex();
});

/** The panel model of tokenization's run in a new request view, and the index queries it took. */
async function panelIn(view: RunIndex, queries: () => number) {
  const [run] = await loadRuns(view, [tokenization]);
  const before = queries();
  const model = await runUpstreamModel(view, run!);
  return { model, queries: queries() - before };
}

describe('the upstream walk across requests', () => {
  it('a later view reuses the walk (one query for the runs it names) while the index is unchanged; a synced change walks again', async () => {
    const { store, queries } = countingStore(index.store);
    const first = await panelIn(requestView(index, { store, sync: syncedTo(4) }), queries);
    expect(first.model.runs).toHaveLength(4);
    // The walk loads the producers level by level, then the runs the panel names.
    expect(first.queries).toBeGreaterThan(2);

    const later = await panelIn(requestView(index, { store, sync: syncedTo(4) }), queries);
    expect(later.queries).toBe(1);
    // Join status and links need the runs loaded in the new view: the same model as the first.
    expect(later.model).toEqual(first.model);
    expect(later.model.runs.every((r) => r.experiment?.rule === 'uuid')).toBe(true);

    const synced = await panelIn(requestView(index, { store, sync: syncedTo(5) }), queries);
    expect(synced.queries).toBe(first.queries);
    expect(synced.model).toEqual(first.model);
  });
});
