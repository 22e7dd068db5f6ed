import { afterAll, describe, expect, it } from 'vitest';
import { createWandbSource } from '@/lib/sources/wandb';
import { sharedReadsIn } from '@/lib/index/shared-reads';
import { startWandbStub, type WandbStub } from '@/tests/stubs/wandb';
import { withFreshIndexes } from '../../index/fresh-index';

const freshIndex = withFreshIndexes();
const TEN_MINUTES = 10 * 60_000;
let stub: WandbStub | null = null;
afterAll(() => stub?.close());

describe('replicas on one index share which W&B projects exist', () => {
  it('two replicas ask W&B once, and show the same projects as a lone replica', async () => {
    stub = await startWandbStub();
    const { db } = await freshIndex('sqlite');
    const options = { baseUrl: stub.url, apiKey: stub.apiKey, entity: 'groot-team', projects: ['groot-data-etl', 'groot-eval'], retries: 0, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES };
    const a = createWandbSource({ ...options, sharedReads: () => sharedReadsIn(db, 'a') });
    const b = createWandbSource({ ...options, sharedReads: () => sharedReadsIn(db, 'b') });
    const lone = createWandbSource({ ...options, sharedReads: () => null });
    const fromA = [...(await a.snapshot()).experiments.keys()];
    const asked = stub.requests.length;
    expect(asked).toBeGreaterThan(0);
    const fromB = [...(await b.snapshot()).experiments.keys()];
    expect(stub.requests.length).toBe(asked);
    expect(fromB).toEqual(fromA);
    expect([...(await lone.snapshot()).experiments.keys()]).toEqual(fromA);
    expect(stub.requests.length).toBe(2 * asked);
    expect(fromA.length).toBeGreaterThan(0);
  });
});
