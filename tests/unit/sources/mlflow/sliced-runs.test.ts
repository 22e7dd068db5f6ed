import { describe, expect, it } from 'vitest';
import { mapExperiments } from '@/lib/sources/mlflow/map-run';
import { mapRunsInSlices, RUNS_PER_SLICE, validateRunsInSlices } from '@/lib/sources/mlflow/sliced-runs';
import { syntheticData } from '../../../stubs/mlflow';

const SHAPE = { runs: 350, experiments: 3 };

/** The synthetic runs, each counting how often its `info` is read (the schema and the mapper read it). */
function countedRuns(): { runs: unknown[]; reads: () => number } {
  let reads = 0;
  const runs = syntheticData(SHAPE).runs.map((run) => {
    const { info, ...rest } = run as { info: unknown };
    return Object.defineProperty({ ...rest }, 'info', { enumerable: true, get: () => (reads += 1, info) });
  });
  return { runs, reads: () => reads };
}

/** How many `info` reads had happened when the event loop first got a turn during `work`. */
async function readsAtFirstTurn(reads: () => number, work: () => Promise<unknown>): Promise<number> {
  let seen = -1;
  setImmediate(() => {
    seen = reads();
  });
  await work();
  return seen;
}

describe('runs/search pages are checked and mapped a slice at a time', () => {
  it('validation gives the event loop a turn after each slice of runs', async () => {
    const { runs, reads } = countedRuns();
    let checked: unknown[] = [];
    const atTurn = await readsAtFirstTurn(reads, async () => {
      checked = await validateRunsInSlices(runs, '/api/2.0/mlflow/runs/search');
    });
    expect(checked).toHaveLength(SHAPE.runs);
    // Without slices every run is read before any timer or request gets a turn.
    expect(atTurn).toBeGreaterThan(0);
    expect(atTurn).toBeLessThan(reads());
    expect(atTurn).toBeLessThanOrEqual(RUNS_PER_SLICE * 2);
  });

  it('mapping does too, and maps every run', async () => {
    const wire = await validateRunsInSlices(syntheticData(SHAPE).runs, '/api/2.0/mlflow/runs/search');
    const index = mapExperiments(syntheticData(SHAPE).experiments as never);
    let mapped = 0;
    let mappedAtTurn = -1;
    setImmediate(() => {
      mappedAtTurn = mapped;
    });
    const runs = await mapRunsInSlices(wire, index, () => {});
    mapped = runs.length;
    expect(runs).toHaveLength(SHAPE.runs);
    // The turn came before the mapping finished.
    expect(mappedAtTurn).toBe(0);
  });

  it('a malformed run fails the page with its position, not its text', async () => {
    const runs: unknown[] = syntheticData(SHAPE).runs;
    runs[217] = { info: { run_id: 42, start_time: 'secret-looking text' } };
    await expect(validateRunsInSlices(runs, '/api/2.0/mlflow/runs/search')).rejects.toThrow(/MLflow: POST \/api\/2\.0\/mlflow\/runs\/search answered an unexpected run \(runs\.217\): info\.run_id/);
  });
});
