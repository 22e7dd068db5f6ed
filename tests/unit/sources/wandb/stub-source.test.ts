import { afterEach, describe, expect, it } from 'vitest';
import { createWandbClient, createWandbSource, type WandbSourceOptions } from '@/lib/sources/wandb';
import { OL_RUN_IDS, artifactDigest, grootProjects, startWandbStub, type WandbStub, type WandbStubOptions } from '@/tests/stubs/wandb';
import { caught } from '../../caught';
import { metricHistoryView } from '@/lib/catalog/metric-history';
import type { UnifiedRun } from '@/lib/model';
import { describeSample } from '@/lib/series/downsample';

let stub: WandbStub | null = null;
const holder = globalThis as { __runlensSources?: unknown };

afterEach(async () => {
  await stub?.close();
  stub = null;
  delete holder.__runlensSources;
});

async function start(stubOptions: WandbStubOptions = {}, sourceOptions: Partial<WandbSourceOptions> = {}) {
  stub = await startWandbStub(stubOptions);
  const source = createWandbSource({
    baseUrl: stub.url, apiKey: stub.apiKey, entity: 'groot-team', projects: ['groot-data-etl', 'groot-eval'],
    refreshIntervalMs: 0, retries: 2, backoffMs: 5, ...sourceOptions,
  });
  return { stub, source };
}

describe('W&B source against the stub', () => {
  it('reads every run of every project with cursor paging, one request per page', async () => {
    const { stub: s, source } = await start({}, { limits: { pageSize: 3 } });
    const snapshot = await source.snapshot();
    expect(snapshot.runs.size).toBe(8);
    expect([...snapshot.experiments.keys()]).toEqual(['groot-team/groot-data-etl', 'groot-team/groot-eval']);
    // groot-data-etl: 7 runs in pages of 3 (3 requests); groot-eval: 1 run (1 request); no request per run.
    expect(s.requests.map((r) => r.operationName)).toEqual(Array(4).fill('RunlensProjectRuns'));
    expect(s.requests.filter((r) => r.variables.project === 'groot-data-etl').map((r) => r.variables.cursor === null)).toEqual([true, false, false]);
  });

  it('keeps two runs with the same 8-character id apart by project', async () => {
    const { source } = await start();
    const runs = (await source.snapshot()).runs;
    expect(runs.get('groot-team/groot-data-etl/k7d3dup1')?.runName).toBe('e1.deduplication');
    expect(runs.get('groot-team/groot-eval/k7d3dup1')?.runName).toBe('eval-dedup-quality');
  });

  it('maps config, summary (NaN and ±Infinity kept), state, times, tags and artifacts', async () => {
    const { source } = await start();
    const runs = (await source.snapshot()).runs;
    const dedup = runs.get('groot-team/groot-data-etl/k7d3dup1');
    expect(dedup).toMatchObject({
      source: 'wandb', runId: 'k7d3dup1', experimentId: 'groot-team/groot-data-etl', status: 'FINISHED', userId: 'etl-bot',
      startTime: Date.parse('2026-11-20T02:08:52Z'), endTime: Date.parse('2026-11-20T02:24:05Z'),
    });
    expect(dedup?.params).toMatchObject({ openlineage_run_id: OL_RUN_IDS['e1.deduplication'], similarity_threshold: '0.95', 'minhash.num_perm': '128' });
    expect(Object.keys(dedup?.params ?? {})).not.toContain('_wandb');
    expect(dedup?.metrics.gpu_utilization?.value).toBeNaN();
    expect(dedup?.metrics.dedup_rate?.step).toBe(399);
    // Written to the summary only (not in historyKeys): step 0, so the run page offers no chart for it.
    expect(dedup?.metrics.final_dedup_rate).toMatchObject({ value: 0.118, step: 0 });
    expect(runs.get('groot-team/groot-data-etl/t0k3n1ze')?.metrics.min_token_logprob?.value).toBe(Number.NEGATIVE_INFINITY);
    expect(runs.get('groot-team/groot-data-etl/f1lt3r9a')?.tags['wandb.tags']).toBe(JSON.stringify(['nightly', `ol:${OL_RUN_IDS['e1.filtering']}`]));
    expect(runs.get('groot-team/groot-data-etl/pr0b3run')).toMatchObject({ status: 'RUNNING', endTime: null });
    expect(runs.get('groot-team/groot-data-etl/cr4sh3d0')?.status).toBe('KILLED');
    expect(runs.get('groot-team/groot-data-etl/e3f1lt7r')?.status).toBe('FAILED');
    const loadedArtifact = grootProjects()[0]?.runs.find((r) => r.name === 'k7d3dup1')?.inputs[0];
    expect(dedup?.datasets).toContainEqual({
      name: 'loaded:v0', digest: loadedArtifact ? artifactDigest(loadedArtifact) : '', recordedWith: 'wandb artifact', sourceType: 'dataset',
      sourceUri: 's3://bucket/groot/staging/loaded', context: 'input', namespace: 's3://bucket', olName: 'groot/staging/loaded', aliases: ['v0'],
    });
    expect(dedup?.datasets.find((d) => d.context === 'output')?.aliases).toEqual(['latest', 'v0']);
  });

  it('pages a run\'s artifacts beyond those that came with it', async () => {
    const { stub: s, source } = await start({}, { limits: { artifactsPerRun: 0, artifactPageSize: 1 } });
    const runs = (await source.snapshot()).runs;
    expect(runs.get('groot-team/groot-data-etl/t0k3n1ze')?.datasets.map((d) => `${d.context}:${d.name}`)).toEqual(['input:filtered:v0', 'output:tokenized:v0']);
    const follow = s.requests.filter((r) => r.operationName === 'RunlensRunOutputArtifacts' || r.operationName === 'RunlensRunInputArtifacts');
    // One follow-up per run and direction that has artifacts: 4 stage runs with both, the failed one with inputs only.
    expect(follow).toHaveLength(9);
    expect(follow.every((r) => r.variables.perPage === 1 && r.status === 200)).toBe(true);
  });

  it('charts a metric from sampledHistory with NaN gaps, ordered by step', async () => {
    const { stub: s, source } = await start();
    const points = await source.metricHistory('groot-team/groot-data-etl/k7d3dup1', 'gpu_utilization');
    expect(points).toHaveLength(400);
    expect(points.filter((p) => Number.isNaN(p.value)).map((p) => p.step)).toEqual([201, 202, 203, 204, 205, 399]);
    expect(points[0]).toMatchObject({ step: 0, timestamp: expect.any(Number) });
    const call = s.requests.find((r) => r.operationName === 'RunlensSampledHistory');
    expect(call?.variables).toMatchObject({ entity: 'groot-team', project: 'groot-data-etl', name: 'k7d3dup1', specs: [JSON.stringify({ keys: ['_step', '_timestamp', 'gpu_utilization'], samples: 10000 })] });
    const infinite = await source.metricHistory('groot-team/groot-data-etl/d1l0ad3x', 'throughput');
    expect(infinite.find((p) => p.step === 240)?.value).toBe(Number.POSITIVE_INFINITY);
  });

  it('says a history W&B sampled is a sample of how many points were logged (from the run\'s historyKeys)', async () => {
    const { source } = await start({}, { historySamples: 100 });
    const sample = await source.metricHistory('groot-team/groot-data-etl/k7d3dup1', 'gpu_utilization');
    expect(sample).toHaveLength(100);
    expect(sample.sampledFrom).toBe(400);
    holder.__runlensSources = { lineage: [], experiment: [source], unusable: [], envProblems: [], feeds: [] };
    const experiment = (await source.snapshot()).runs.get('groot-team/groot-data-etl/k7d3dup1')!;
    const run = { id: 'k7d3dup1', lineage: null, experiment, parentId: null, childIds: [], link: null, notes: [] } as unknown as UnifiedRun;
    const view = await metricHistoryView(run, 'gpu_utilization', 1_000);
    expect(view).toMatchObject({ total: 100, sampled: true, readLimit: null, sampledFrom: 400 });
    expect(describeSample(view!.points.length, view!.total, view!.sampled, view!.readLimit, view!.sampledFrom))
      .toBe('Showing 100 of a 100-point sample the source took of 400 logged points.');
  });

  it('says nothing of a sample when W&B gave every point', async () => {
    const { source } = await start();
    expect((await source.metricHistory('groot-team/groot-data-etl/k7d3dup1', 'gpu_utilization')).sampledFrom).toBeUndefined();
  });

  it('finds a run by its bare id for metric history, through the snapshot', async () => {
    const { source } = await start();
    expect(await source.metricHistory('f1lt3r9a', 'filter_pass_rate')).toHaveLength(300);
    expect(await source.metricHistory('nosuchid', 'loss')).toEqual([]);
  });

  it('looks a run up by path; null for an unknown run', async () => {
    const { source } = await start();
    expect((await source.run('groot-team/groot-data-etl/t0k3n1ze'))?.runName).toBe('e1.tokenization');
    expect(await source.run('groot-team/groot-data-etl/zzzzzzzz')).toBeNull();
  });

  it('links to the run in the W&B app', async () => {
    const { source } = await start();
    const run = (await source.snapshot()).runs.get('groot-team/groot-data-etl/k7d3dup1');
    expect(run && source.runUrl?.(run)).toBe(`${stub?.url}/groot-team/groot-data-etl/runs/k7d3dup1`);
  });
});

describe('W&B source failures', () => {
  it('sends Basic api:<key>; a wrong key is an auth failure on /health', async () => {
    const { source } = await start({}, { apiKey: 'wrong' });
    const error = await caught(source.snapshot());
    expect(error).toMatchObject({ kind: 'auth', status: 401 });
    expect(error.message).toBe('W&B: POST /graphql was refused (HTTP 401: Unauthorized); check the API key');
    const health = await source.health();
    expect(health).toMatchObject({ id: 'wandb', status: 'unavailable' });
    expect(health.error).toContain('HTTP 401');
  });

  it('waits for Retry-After on 429 and then answers', async () => {
    const { stub: s, source } = await start();
    s.rateLimit({ count: 1, header: 'retry-after', seconds: 1 });
    const started = performance.now();
    expect((await source.snapshot()).runs.size).toBe(8);
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    expect(s.requests[0]?.status).toBe(429);
  });

  it('gives up on 429 after its retries, naming the status', async () => {
    const { stub: s, source } = await start({}, { retries: 1 });
    s.rateLimit({ count: 5, header: 'ratelimit-reset', seconds: 0 });
    const error = await caught(source.snapshot());
    expect(error).toMatchObject({ kind: 'http', status: 429 });
    expect(error.message).toBe('W&B: POST /graphql answered HTTP 429: rate limit exceeded (after 2 attempts)');
  });

  it('turns a GraphQL errors array into a SourceError with the message', async () => {
    stub = await startWandbStub();
    const client = createWandbClient({ baseUrl: stub.url, apiKey: stub.apiKey, retries: 0 });
    // An invalid cursor makes the resolver fail: HTTP 200 with an errors array, like W&B.
    const error = await caught(client.projectRuns({ entity: 'groot-team', project: 'groot-data-etl', cursor: 'bm9wZQ==', perPage: 2, artifactsPerRun: 1 }));
    expect(error.kind).toBe('http');
    expect(error.message).toBe('W&B: RunlensProjectRuns failed: invalid cursor "bm9wZQ=="');
  });

  it('reports a project W&B lacks as a problem and still serves the others', async () => {
    const { source } = await start({}, { projects: ['groot-data-etl', 'no-such-project'] });
    expect((await source.snapshot()).runs.size).toBe(7);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.problems).toEqual([{ where: 'groot-team/no-such-project', message: expect.stringContaining('no such project') }]);
  });

  it('keeps serving the last snapshot while W&B is down, and says so', async () => {
    const { stub: s, source } = await start({}, { retries: 0 });
    expect((await source.snapshot()).runs.size).toBe(8);
    s.rateLimit({ count: 100, header: 'retry-after', seconds: 3600 });
    expect((await source.snapshot()).runs.size).toBe(8);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.error).toMatch(/HTTP 429.*failing since .*showing what it answered last/);
  });

  it('never asks W&B about a run path outside the configured entity/projects', async () => {
    const { stub: s, source } = await start();
    expect(await source.run('otherteam/secret/k7d3dup1')).toBeNull();
    expect(await source.run('groot-team/not-configured/k7d3dup1')).toBeNull();
    expect(await source.metricHistory('otherteam/secret/k7d3dup1', 'loss')).toEqual([]);
    expect(s.requests.filter((r) => r.operationName !== 'RunlensProjectRuns')).toEqual([]);
    // A configured project is still asked.
    expect((await source.run('groot-team/groot-data-etl/k7d3dup1'))?.runName).toBe('e1.deduplication');
    expect(s.requests.map((r) => r.variables.project)).toContain('groot-data-etl');
  });
});
