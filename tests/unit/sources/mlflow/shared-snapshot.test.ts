import { describe, expect, it } from 'vitest';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import { sharedReadsIn } from '@/lib/index/shared-reads';
import type { SharedReadStore } from '@/lib/sources/shared-reads';
import { withFreshIndexes } from '../../index/fresh-index';
import { callsTo, stubsClosedAfterEach } from './helpers';

const freshIndex = withFreshIndexes();
const stubAndSource = stubsClosedAfterEach();
const TEN_MINUTES = 10 * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a page shows of the snapshot: experiments and registered models (runs come through the feed). */
const shown = (s: Awaited<ReturnType<ReturnType<typeof createMlflowRestSource>['snapshot']>>) => ({ experiments: [...s.experiments.values()], models: s.models });

describe("replicas on one index share MLflow's experiments and registry", () => {
  it('two replicas read them from MLflow once, and show what a lone replica shows', async () => {
    const { db } = await freshIndex('sqlite');
    const { stub, source: lone } = await stubAndSource({}, { snapshotRuns: false });
    const replica = (owner: string) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES, sharedReads: () => sharedReadsIn(db, owner) });
    const [a, b] = [replica('a'), replica('b')];
    const fromA = shown(await a.snapshot());
    const asked = { experiments: callsTo(stub, 'experiments/search').length, registry: callsTo(stub, 'registered-models/search').length, versions: callsTo(stub, 'model-versions/search').length };
    expect(asked).toEqual({ experiments: 1, registry: 1, versions: 1 });
    const requestsBeforeB = stub.requests.length;
    const fromB = shown(await b.snapshot());
    expect(stub.requests.length).toBe(requestsBeforeB);
    expect(fromB.models.length).toBeGreaterThan(0);
    expect(fromB).toEqual(fromA);
    expect(fromA).toEqual(shown(await lone.snapshot()));
    expect((await b.health()).details.experimentsAndRegistry).toMatch(/^from the index: read by a replica \d+ s earlier$/);
  });

  it('once the copy is due, one replica asks again while the other keeps the older copy', async () => {
    const { db } = await freshIndex('sqlite');
    const { stub } = await stubAndSource({}, { snapshotRuns: false });
    const replica = (owner: string) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: 300, sharedReads: () => sharedReadsIn(db, owner) });
    const [a, b] = [replica('a'), replica('b')];
    await a.snapshot();
    await b.snapshot();
    expect(callsTo(stub, 'experiments/search')).toHaveLength(1);
    await sleep(350);
    await Promise.all([a.snapshot(), b.snapshot()]);
    expect(callsTo(stub, 'experiments/search')).toHaveLength(2);
    expect(callsTo(stub, 'registered-models/search')).toHaveLength(2);
  });

  it('replicas starting together read them once: the one that lost the claim waits for the copy', async () => {
    const { db } = await freshIndex('sqlite');
    const { stub } = await stubAndSource({ latencyMs: 50 }, { snapshotRuns: false });
    const replica = (owner: string) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES, sharedReads: () => sharedReadsIn(db, owner) });
    const [fromA, fromB] = await Promise.all([replica('a').snapshot(), replica('b').snapshot()]);
    expect(callsTo(stub, 'experiments/search')).toHaveLength(1);
    expect(callsTo(stub, 'registered-models/search')).toHaveLength(1);
    expect(shown(fromB)).toEqual(shown(fromA));
  });

  it('while MLflow fails, the replica that asked holds the claim: the other keeps the older copy and does not ask', async () => {
    const { db } = await freshIndex('sqlite');
    const { stub } = await stubAndSource({}, { snapshotRuns: false });
    const replica = (owner: string) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: 300, retries: 0, sharedReads: () => sharedReadsIn(db, owner) });
    const [a, b] = [replica('a'), replica('b')];
    const before = shown(await a.snapshot());
    stub.setFault({ status: 503, contentType: 'application/json', body: '{"error_code":"TEMPORARILY_UNAVAILABLE","message":"down"}' });
    await sleep(350);
    const failedFrom = stub.requests.length;
    expect(shown(await a.snapshot())).toEqual(before); // asked, failed: its last snapshot
    expect(stub.requests.length).toBeGreaterThan(failedFrom);
    expect((await a.health()).status).toBe('degraded');
    const asked = stub.requests.length;
    expect(shown(await b.snapshot())).toEqual(before); // the copy, without asking
    expect(stub.requests.length).toBe(asked);
  });

  it('an index that fails leaves each replica reading MLflow itself', async () => {
    const failing: SharedReadStore = {
      read: () => Promise.reject(new Error('index down')),
      claim: () => Promise.reject(new Error('index down')),
      publish: () => Promise.reject(new Error('index down')),
    };
    const { stub } = await stubAndSource({}, { snapshotRuns: false });
    const source = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES, sharedReads: () => failing });
    expect((await source.snapshot()).models.length).toBeGreaterThan(0);
    expect(callsTo(stub, 'experiments/search')).toHaveLength(1);
    expect((await source.health()).status).toBe('ok');
  });

  it("a replica's change feed takes the experiments from a fresh shared copy instead of asking MLflow", async () => {
    const { db } = await freshIndex('sqlite');
    const { stub } = await stubAndSource({}, { snapshotRuns: false });
    const replica = (owner: string) => createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES, sharedReads: () => sharedReadsIn(db, owner) });
    await replica('pages').snapshot();
    const syncer = replica('syncer');
    await syncer.changeFeed().changes(null, { runningRunIds: () => Promise.resolve([]) });
    expect(callsTo(stub, 'experiments/search')).toHaveLength(1);
    expect(callsTo(stub, 'runs/search').length).toBeGreaterThan(0);
    // Without the shared copy the same feed asks for them.
    const alone = createMlflowRestSource({ baseUrl: stub.url, snapshotRuns: false, refreshIntervalMs: TEN_MINUTES, sharedReads: () => null });
    await alone.changeFeed().changes(null, { runningRunIds: () => Promise.resolve([]) });
    expect(callsTo(stub, 'experiments/search')).toHaveLength(2);
  });
});
