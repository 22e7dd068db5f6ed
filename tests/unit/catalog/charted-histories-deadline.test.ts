import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartedHistories } from '@/lib/catalog/metric-history';
import type { MetricPoint, UnifiedRun } from '@/lib/model';
import type { ExperimentSource } from '@/lib/sources/ports';

// The oldest run of a big MLflow opened while the backfill keeps MLflow busy: one history answers at
// once, the other only after seconds. The run page must not wait for the slow one.
const holder = globalThis as { __runlensSources?: unknown };
const SLOW_MS = 4_000;
const point = (step: number): MetricPoint => ({ step, timestamp: 1_700_000_000_000 + step, value: step / 10 });

const source: ExperimentSource = {
  id: 'mlflow-deadline-test',
  snapshot: () => Promise.reject(new Error('not used')),
  health: () => Promise.reject(new Error('not used')),
  metricHistory: (_runId, key) => new Promise((resolve) => setTimeout(() => resolve([point(1), point(2)]), key === 'slow_loss' ? SLOW_MS : 5)),
};

const run = {
  id: 'deadline-run-1', lineage: null, parentId: null, childIds: [], link: null, notes: [],
  experiment: {
    source: source.id, runId: 'deadline-run-1', experimentId: '1', experimentName: 'e', runName: 'oldest', status: 'FINISHED',
    startTime: 1_700_000_000_000, endTime: 1_700_000_100_000, params: {}, tags: {}, datasets: [],
    metrics: { quick_acc: { value: 0.2, step: 2, timestamp: 1_700_000_000_002 }, slow_loss: { value: 0.2, step: 2, timestamp: 1_700_000_000_002 } },
  },
} as unknown as UnifiedRun;

beforeAll(() => {
  holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
});
afterAll(() => {
  delete holder.__runlensSources;
});

describe('the run page\'s charted histories with a deadline', () => {
  it('answers by the deadline with what came, and leaves the slow history to the browser', async () => {
    const started = performance.now();
    const charted = await chartedHistories(run, ['quick_acc', 'slow_loss'], { deadlineMs: 300 });
    expect(performance.now() - started).toBeLessThan(SLOW_MS / 2);
    const quick = charted.find((c) => c.key === 'quick_acc');
    expect(quick && 'history' in quick ? quick.history.points.length : null).toBe(2);
    expect(charted.find((c) => c.key === 'slow_loss')).toEqual({ key: 'slow_loss', error: expect.stringMatching(/did not give the history within 300 ms; the chart loads it in the browser/) });
  });
});
