import { describe, expect, it } from 'vitest';
import { cachedExperimentRun } from '@/lib/catalog/run-cache';
import { LOOKUPS_IN_FLIGHT, LOOKUPS_PER_SECOND } from '@/lib/catalog/lookup-limit';
import type { ExperimentSource } from '@/lib/sources';

/** An experiment source that knows no run and counts how often it is asked. */
function countingSource(id: string): ExperimentSource & { calls: number } {
  const source = {
    id, calls: 0,
    snapshot: () => Promise.reject(new Error('not used')),
    metricHistory: () => Promise.resolve([]),
    run: async () => {
      source.calls += 1;
      return null;
    },
    health: () => Promise.reject(new Error('not used')),
  };
  return source;
}

describe('direct look-ups of unknown ids', () => {
  it('1,000 unknown ids make at most the per-second budget of upstream calls, per source, and fail fast', async () => {
    const wandb = countingSource('wandb-flood');
    const mlflow = countingSource('mlflow-flood');
    const started = performance.now();
    const answers = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => cachedExperimentRun(i % 2 ? wandb : mlflow, `team/p/unknown${i}`)));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(wandb.calls).toBeLessThanOrEqual(LOOKUPS_PER_SECOND);
    expect(mlflow.calls).toBeLessThanOrEqual(LOOKUPS_PER_SECOND);
    expect(wandb.calls).toBeGreaterThan(0);
    const refused = answers.filter((a) => a.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(1000 - 2 * LOOKUPS_PER_SECOND);
    expect(String((refused[0] as PromiseRejectedResult).reason)).toMatch(/too many look-ups of unknown run ids/);
  });

  it('a shed look-up is not remembered: the same id is asked once the budget refills', async () => {
    const source = countingSource('mlflow-refill');
    await Promise.allSettled(Array.from({ length: LOOKUPS_PER_SECOND + 5 }, (_, i) => cachedExperimentRun(source, `id-${i}`)));
    const before = source.calls;
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await expect(cachedExperimentRun(source, `id-${LOOKUPS_PER_SECOND + 4}`)).resolves.toBeNull();
    expect(source.calls).toBe(before + 1);
  });
});

describe('look-ups of unknown ids in flight', () => {
  it(`at most ${LOOKUPS_IN_FLIGHT} per source wait on a slow upstream; the rest are shed at once, not queued`, async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const source = { ...countingSource('mlflow-slow'), run: async () => (source.calls++, await gate, null) };
    const pending = Array.from({ length: LOOKUPS_IN_FLIGHT + 5 }, (_, i) => cachedExperimentRun(source, `slow-${i}`));
    const settled = await Promise.allSettled(pending.slice(LOOKUPS_IN_FLIGHT));
    expect(settled.every((s) => s.status === 'rejected' && String(s.reason).includes('too many look-ups'))).toBe(true);
    expect(source.calls).toBe(LOOKUPS_IN_FLIGHT);
    release();
    await expect(Promise.all(pending.slice(0, LOOKUPS_IN_FLIGHT))).resolves.toEqual(Array(LOOKUPS_IN_FLIGHT).fill(null));
  });
});
