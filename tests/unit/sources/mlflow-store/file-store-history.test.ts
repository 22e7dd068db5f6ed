import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HISTORY_READ_POINTS, metricHistoryView } from '@/lib/catalog/metric-history';
import type { UnifiedRun } from '@/lib/model';
import { createFileStoreSource } from '@/lib/sources/mlflow-store/file-store/source';
import { copyTree, GROOT_MLRUNS, removeTempDirs } from './helpers';

// A metric of the file store logged far more often than one read takes: the history is read in chunks up to
// the bound, never whole, and the API says it was cut. The file's tail is a sparse 3 GB hole, past what
// readFileSync can even hold (2 GB): reading the whole file fails, stopping at the bound does not.
const RUN = '992ac7cdf1494da6b21abc0f66cfd82d';
const EXPERIMENT = '939572835333631969';
const holder = globalThis as { __runlensSources?: unknown };
afterEach(() => {
  delete holder.__runlensSources;
});
afterAll(removeTempDirs);

async function storeWithLongHistory(points: number, sparseTailBytes: number) {
  const root = await copyTree(GROOT_MLRUNS, 'history');
  // A long scan interval: the history is read from the run the first scan listed, without another scan.
  const source = createFileStoreSource(root, { checkIntervalMs: 3_600_000 });
  const snapshot = await source.snapshot();
  const file = path.join(root, EXPERIMENT, RUN, 'metrics', 'throughput');
  const lines = Array.from({ length: points }, (_, step) => `${1_795_673_761_617 + step} ${1000 + (step % 97)} ${step}\n`).join('');
  await fs.writeFile(file, lines);
  if (sparseTailBytes > 0) await fs.truncate(file, Buffer.byteLength(lines) + sparseTailBytes);
  return { source, experiment: snapshot.runs.get(RUN)! };
}

describe('MLflow file store: a metric history longer than one read', () => {
  it('reads only the points asked for, in chunks, and the API says the history has more', async () => {
    const { source, experiment } = await storeWithLongHistory(HISTORY_READ_POINTS + 5_000, 3 * 1024 ** 3);
    const points = await source.metricHistory(RUN, 'throughput', 60_001);
    expect(points).toHaveLength(60_001);
    expect(points.at(-1)?.step).toBe(60_000);

    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
    const run = { id: RUN, lineage: null, experiment, parentId: null, childIds: [], link: null, notes: [] } as unknown as UnifiedRun;
    const view = await metricHistoryView(run, 'throughput', 1_000);
    expect(view).toMatchObject({ total: HISTORY_READ_POINTS, sampled: true, readLimit: HISTORY_READ_POINTS });
    expect(view!.points.at(-1)?.step).toBe(HISTORY_READ_POINTS - 1);
  });

  it('reads a history within the bound whole and says nothing was cut', async () => {
    const { source, experiment } = await storeWithLongHistory(5_000, 0);
    expect(await source.metricHistory(RUN, 'throughput')).toHaveLength(5_000);
    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
    const run = { id: RUN, lineage: null, experiment, parentId: null, childIds: [], link: null, notes: [] } as unknown as UnifiedRun;
    // Another maxPoints: the catalog caches each view by run, key and maxPoints.
    expect(await metricHistoryView(run, 'throughput', 999)).toMatchObject({ total: 5_000, sampled: true, readLimit: null });
  });
});
