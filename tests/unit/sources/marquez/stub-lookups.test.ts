import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LineageRun } from '@/lib/model';
import { createMarquezClient, createMarquezSource, nameUuid } from '@/lib/sources/marquez';
import type { LineageSource } from '@/lib/sources/ports';
import type { MarquezStub } from '@/tests/stubs/marquez';
import { EXPECTED, requestsTo, startStub } from './stub-setup';
import { readWholeMarquez } from './whole-listing';

let stub: MarquezStub;
let source: LineageSource;
const [execution] = EXPECTED.executions;
if (execution === undefined) throw new Error('EXPECTED.json has no execution');
const stages = execution.stages;

beforeAll(async () => {
  stub = await startStub();
  source = createMarquezSource({ url: stub.url });
});

afterAll(() => stub.close());

function io(run: LineageRun | null, side: 'inputs' | 'outputs') {
  return run?.[side].map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, rowCount: d.rowCount }));
}

describe('exactRun', () => {
  it('gives the versions each stage really read and wrote (EXPECTED.json), from its own events', async () => {
    for (const stage of stages) {
      const result = await source.exactRun?.(stage.openlineage_run_id);
      const run = result?.run ?? null;
      expect(run?.runId).toBe(stage.openlineage_run_id);
      expect(run?.job).toEqual({ namespace: 'groot-data-etl', name: stage.job.split('/')[1] });
      expect(run?.state).toBe('COMPLETED');
      expect(io(run, 'inputs')).toEqual([stage.input]);
      expect(io(run, 'outputs')).toEqual([stage.output]);
      expect(result?.basis).toBe('own-events');
      expect(run?.facets).toHaveProperty('mlflow');
    }
  });

  it('asks for the events of the run\'s own time window, with explicit after and before', () => {
    const calls = requestsTo(stub, '/api/v1/events/lineage');
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls) {
      const q = new URLSearchParams(call.query);
      expect(q.get('after')).toMatch(/^2026-11-26T06:1\d:\d\d\.\d{3}Z$/);
      expect(q.get('before')).toMatch(/^2026-11-26T06:1\d:\d\d\.\d{3}Z$/);
      expect(q.get('offset')).toBe('0');
    }
  });

  it('shows where Marquez\'s own account differs: a version UUID of its own for the run, none of the producer\'s', async () => {
    const client = createMarquezClient({ url: stub.url });
    const snap = await readWholeMarquez(stub.url);
    for (const stage of stages) {
      const wire = await client.run(stage.openlineage_run_id);
      const reported = wire?.outputDatasetVersions?.[0]?.datasetVersionId.version;
      expect(reported).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
      expect(reported).not.toBe(stage.output.version);
      // Marquez's run record maps to no version rather than a wrong one; only exactRun knows it.
      expect(snap.runs.get(stage.openlineage_run_id)?.outputs.map((d) => d.version)).toEqual([null]);
    }
  });

  it('finds a run by its MLflow run id (32 hex digits)', async () => {
    const stage = stages[1];
    if (stage === undefined) throw new Error('EXPECTED.json changed');
    const run = (await source.exactRun?.(stage.mlflow_run_id))?.run ?? null;
    expect(run?.runId).toBe(stage.openlineage_run_id);
    expect(io(run, 'outputs')).toEqual([stage.output]);
  });

  it('answers null for a run Marquez does not know, without asking for events', async () => {
    const before = requestsTo(stub, '/api/v1/events/lineage').length;
    expect(await source.exactRun?.('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await source.exactRun?.('not-a-uuid')).toBeNull();
    expect(requestsTo(stub, '/api/v1/events/lineage').length).toBe(before);
  });

  it('caches finished runs', async () => {
    const stage = stages[2];
    if (stage === undefined) throw new Error('EXPECTED.json changed');
    const first = await source.exactRun?.(stage.openlineage_run_id);
    const count = stub.requests.length;
    expect(await source.exactRun?.(stage.openlineage_run_id)).toBe(first);
    expect(stub.requests.length).toBe(count);
  });
});

describe('exactRun of a run whose OpenLineage runId is no UUID', () => {
  it("finds it by Marquez's name-based UUID and keeps the runId as reported", async () => {
    const at = (t: string) => ({
      eventType: t === '00' ? 'START' : 'COMPLETE', eventTime: `2026-11-28T10:00:${t}Z`, producer: 'https://example.com/runlens-test',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: 'manual-run-7' }, job: { namespace: 'adhoc', name: 'manual' }, inputs: [],
      outputs: [{ namespace: 'file', name: '/data/exports/out.csv', facets: { version: { _producer: 'https://example.com', _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json', datasetVersion: 'v7' } } }],
    });
    const s = await startStub({ extraEvents: [at('00'), at('30')] });
    try {
      const adhoc = createMarquezSource({ url: s.url });
      const result = await adhoc.exactRun?.('manual-run-7');
      const run = result?.run ?? null;
      expect(run).toMatchObject({ runId: 'manual-run-7', state: 'COMPLETED', job: { namespace: 'adhoc', name: 'manual' } });
      expect(run?.outputs.map((d) => d.version)).toEqual(['v7']);
      expect(result?.basis).toBe('own-events');
      // Marquez lists the run under its name-based UUID.
      expect((await readWholeMarquez(s.url)).runs.has(nameUuid('manual-run-7'))).toBe(true);
    } finally {
      await s.close();
    }
  });
});

describe('exactRun when the events are out of reach', () => {
  let proxy: Server;
  let proxyUrl = '';

  beforeAll(async () => {
    // Forwards to the stub, except /events/lineage, which fails like an overloaded Marquez.
    proxy = createServer((req, res) => {
      if ((req.url ?? '').startsWith('/api/v1/events/lineage')) {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end('Service Unavailable');
        return;
      }
      const upstream = request(`${stub.url}${req.url ?? '/'}`, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));
  });

  it("falls back to Marquez's run with every version blanked, and says so", async () => {
    const stage = stages[0];
    if (stage === undefined) throw new Error('EXPECTED.json changed');
    const fallback = createMarquezSource({ url: proxyUrl, retries: 0 });
    const result = await fallback.exactRun?.(stage.openlineage_run_id);
      const run = result?.run ?? null;
    expect(run).not.toBeNull();
    expect(result?.basis).toBe('source-record');
    expect(run?.job).toEqual({ namespace: 'groot-data-etl', name: 'groot-data-etl.data-loading' });
    expect(run?.outputs.map((d) => [d.name, d.version])).toEqual([['groot/staging/loaded', null]]);
  });
});

describe('dataset()', () => {
  it('lists versions with the run that wrote each and the producer\'s version from the version facet', async () => {
    const loaded = await source.dataset?.({ namespace: 's3://bucket', name: 'groot/staging/loaded' });
    const loading = stages[0];
    expect(loaded?.versions.length).toBeGreaterThan(0);
    const written = loaded?.versions.find((v) => v.createdByRunId === loading?.openlineage_run_id);
    // outputStatistics is an output facet: Marquez keeps it with the run, not the version.
    expect(written).toMatchObject({ namespace: 's3://bucket', name: 'groot/staging/loaded', version: loading?.output.version, rowCount: null });
    expect(written?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(loaded?.facets).toHaveProperty('schema');
  });

  it('a raw input was first seen as a read: a version no run created', async () => {
    const raw = await source.dataset?.({ namespace: 's3://bucket', name: 'groot/raw/multimodal' });
    expect(raw?.versions.map((v) => [v.createdByRunId, v.version])).toEqual([[null, stages[0]?.input.version]]);
  });

  it('answers null for a dataset or namespace Marquez does not know', async () => {
    expect(await source.dataset?.({ namespace: 's3://bucket', name: 'nope' })).toBeNull();
    expect(await source.dataset?.({ namespace: 'postgres://host:5432', name: 'public.t' })).toBeNull();
  });

  it("shows Marquez #2733: a later reader's version facet lands on the version another run wrote", async () => {
    const loading = stages[0];
    const dedup = stages[1];
    if (loading === undefined || dedup === undefined) throw new Error('EXPECTED.json changed');
    const lateReader = {
      eventType: 'COMPLETE', eventTime: '2026-11-27T00:00:00Z', producer: 'https://example.com/runlens-test',
      schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
      run: { runId: '11111111-2222-4333-8444-555555555555' }, job: { namespace: 'audit', name: 'late-reader' },
      inputs: [{ namespace: 's3://bucket', name: 'groot/staging/loaded', facets: { version: { _producer: 'https://example.com', _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json', datasetVersion: 'ffffffff' } } }],
      outputs: [],
    };
    const s = await startStub({ extraEvents: [lateReader] });
    try {
      const quirky = createMarquezSource({ url: s.url });
      const loaded = await quirky.dataset?.({ namespace: 's3://bucket', name: 'groot/staging/loaded' });
      expect(loaded?.versions.find((v) => v.createdByRunId === loading.openlineage_run_id)?.version).toBe('ffffffff');
      // The runs' own events still say what they wrote and read.
      expect(io((await quirky.exactRun?.(loading.openlineage_run_id))?.run ?? null, 'outputs')).toEqual([loading.output]);
      expect(io((await quirky.exactRun?.(dedup.openlineage_run_id))?.run ?? null, 'inputs')).toEqual([dedup.input]);
    } finally {
      await s.close();
    }
  });
});

describe('search()', () => {
  it('finds jobs and datasets by part of their name', async () => {
    const hits = (await source.search?.('deduplicat', 20)) ?? [];
    expect(hits).toEqual(expect.arrayContaining([
      { kind: 'job', namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' },
      { kind: 'dataset', namespace: 's3://bucket', name: 'groot/staging/deduplicated' },
    ]));
    expect(await source.search?.('   ', 20)).toEqual([]);
    expect(await source.search?.('no-such-thing-anywhere', 20)).toEqual([]);
  });

  it('passes the limit on', async () => {
    expect(await source.search?.('public', 2)).toHaveLength(2);
    expect(requestsTo(stub, '/api/v1/search').at(-1)?.query).toBe('q=public&limit=2');
  });
});

describe('upstream()', () => {
  const [loading, dedup, filtering, tokenization] = stages;
  if (loading === undefined || dedup === undefined || filtering === undefined || tokenization === undefined) throw new Error('EXPECTED.json changed');

  it('halves the depth while Marquez answers 500 (its walk met a raw input), and says it was cut short', async () => {
    const before = requestsTo(stub, '/api/v1/runlineage/upstream').length;
    const up = await source.upstream?.(tokenization.openlineage_run_id, 20);
    const depths = requestsTo(stub, '/api/v1/runlineage/upstream').slice(before).map((r) => [new URLSearchParams(r.query).get('depth'), r.status]);
    expect(depths).toEqual([['20', 500], ['10', 500], ['5', 500], ['2', 200]]);
    expect(up?.truncated).toBe(true);
    expect(up?.basis).toMatch(/^from Marquez \/runlineage\/upstream at depth 2: Marquez failed at depth 20/);
    expect(up?.runs.map((r) => [r.runId, r.depth])).toEqual([
      [tokenization.openlineage_run_id, 0], [filtering.openlineage_run_id, 1], [dedup.openlineage_run_id, 2],
    ]);
    expect(up?.runs[0]?.inputs).toEqual([{ namespace: 's3://bucket', name: 'groot/staging/filtered', version: null, producedByRunId: filtering.openlineage_run_id }]);
  });

  it('answers in full when the walk stays among produced versions', async () => {
    const up = await source.upstream?.(filtering.openlineage_run_id, 1);
    expect(up).toMatchObject({ basis: 'from Marquez /runlineage/upstream', truncated: true });
    expect(up?.runs.map((r) => r.runId)).toEqual([filtering.openlineage_run_id, dedup.openlineage_run_id]);
  });

  it('takes an MLflow run id', async () => {
    const up = await source.upstream?.(filtering.mlflow_run_id, 1);
    expect(up?.runs[0]?.runId).toBe(filtering.openlineage_run_id);
  });

  it('throws when even depth 1 fails, so the catalog walks its own snapshot', async () => {
    await expect(source.upstream?.(loading.openlineage_run_id, 4)).rejects.toMatchObject({ kind: 'http', status: 500, source: 'Marquez' });
    await expect(source.upstream?.('00000000-0000-4000-8000-000000000000', 4)).rejects.toMatchObject({ status: 404 });
  });
});
