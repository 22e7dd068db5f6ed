import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import type { FeedContext } from '@/lib/sources/ports';
import { RecentProblems } from '@/lib/sources/recent-problems';
import { startMlflowStub, syntheticData, type MlflowStub } from '../../../stubs/mlflow';

const context: FeedContext = { runningRunIds: () => Promise.resolve([]) };
let stub: MlflowStub;
let oddId = '';
beforeAll(async () => {
  const data = syntheticData({ runs: 20, experiments: 2 });
  const odd = data.runs[7] as { info: { run_id: string; status: string } };
  odd.info.status = 'EXPLODED';
  oddId = odd.info.run_id;
  stub = await startMlflowStub({ data });
});
afterAll(() => stub.close());

describe("the MLflow change feed's mapping problems", () => {
  it('reach /health once each, however often the run is read', async () => {
    const source = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false });
    expect((await source.health()).problems).toEqual([]);
    for (let pass = 0; pass < 2; pass++) {
      const feed = source.changeFeed();
      let cursor: string | null = null;
      for (let i = 0; i < 10; i++) {
        const batch = await feed.changes(cursor, context);
        cursor = batch.cursor;
        if (batch.caughtUp) break;
      }
    }
    const health = await source.health();
    expect(health.problems).toEqual([{ where: `run ${oddId}`, message: 'unknown status "EXPLODED"; run skipped' }]);
    expect(health.status).toBe('degraded');
  });
});

describe('RecentProblems', () => {
  it('keeps the newest, each once, and says how many older ones it dropped', () => {
    const problems = new RecentProblems(3);
    for (const n of [1, 2, 1, 3, 4, 5]) problems.add({ where: `run ${n}`, message: 'odd' });
    expect(problems.list('mlflow')).toEqual([
      { where: 'run 3', message: 'odd' }, { where: 'run 4', message: 'odd' }, { where: 'run 5', message: 'odd' },
      { where: 'mlflow', message: '2 older problems not listed' },
    ]);
  });
});
