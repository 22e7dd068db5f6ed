import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';
import { isoOf, runStateOf } from '@/lib/sources/marquez/map-common';
import { datasetRefOf, mapDataset, mapDatasetVersion } from '@/lib/sources/marquez/map-dataset';
import { buildSnapshotGraph, mapLineageGraph } from '@/lib/sources/marquez/map-graph';
import { jobRefOf, mapJob } from '@/lib/sources/marquez/map-job';
import { mapRun, withoutVersions } from '@/lib/sources/marquez/map-run';
import { mapSearchResults } from '@/lib/sources/marquez/map-search';
import { mapUpstream } from '@/lib/sources/marquez/map-upstream';
import {
  datasetListSchema, datasetSchema, datasetVersionListSchema, facetsResultSchema, facetsSchema, jobListSchema, jobSchema, lineageGraphSchema,
  lineageNodeSchema, runListSchema, runSchema, searchResultListSchema, upstreamLineageSchema,
} from '@/lib/sources/marquez/schemas';
import { RESPONSES, fixturePath, readJson } from './paths';

const sample = (file: string): unknown => readJson(path.join(RESPONSES, file));
const fixture = (file: string): unknown => readJson(fixturePath(file));

describe('isoOf and runStateOf', () => {
  it('keeps Marquez ISO strings and turns epoch seconds into ISO', () => {
    expect(isoOf('2019-05-09T19:49:24.201361Z')).toBe('2019-05-09T19:49:24.201361Z');
    expect(isoOf(946684801)).toBe('2000-01-01T00:00:01.000Z');
    expect(isoOf(1624539874.421452)).toBe('2021-06-24T13:04:34.421Z');
    expect(isoOf(null)).toBeNull();
    expect(isoOf(undefined)).toBeNull();
  });

  it('reads run states, event words and unknowns', () => {
    expect(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED', 'complete', 'FAIL', 'START', 'SKIPPED', null].map(runStateOf))
      .toEqual(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED', 'COMPLETED', 'FAILED', 'RUNNING', 'NEW', 'NEW']);
  });
});

describe('mapJob', () => {
  it('maps the real job sample (namespace only in id, epoch-second times, BATCH is no job type)', () => {
    const wire = jobSchema.parse(sample('mappers/full_job_mapper.json'));
    const ref = jobRefOf(wire);
    expect(ref).toEqual({ namespace: 'NAMESPACE', name: 'NAME' });
    if (ref === null) return;
    expect(mapJob(wire, ref, [])).toEqual({
      namespace: 'NAMESPACE', name: 'NAME', type: null, description: 'DESCRIPTION', facets: {},
      inputs: [{ namespace: 'test-namespace', name: 'test-dataset' }], outputs: [], runIds: [], latestRunState: null,
      updatedAt: '2000-01-02T00:00:01.000Z',
    });
  });

  it('takes the type from the jobType facet, the description from the documentation facet, the state from the job\'s own newest run', () => {
    const [, etl, stream] = jobListSchema.parse(fixture('jobs.json')).jobs;
    if (etl === undefined || stream === undefined) throw new Error('fixture changed');
    const ref = { namespace: 'my-namespace', name: 'etl.load' };
    const older = mapRun(runSchema.parse({ id: 'a', state: 'COMPLETED', startedAt: '2021-02-01T00:00:00Z' }), ref);
    const newer = mapRun(runSchema.parse({ id: 'b', state: 'FAILED', startedAt: '2021-02-02T00:00:00Z' }), ref);
    const job = mapJob(etl, ref, [older, newer]);
    expect(job).toMatchObject({ type: 'TASK', description: 'Loads orders.', runIds: ['b', 'a'], latestRunState: 'FAILED' });
    expect(job.outputs).toEqual([{ namespace: 's3://bucket', name: 'staging/orders' }]);
    // Marquez's STREAM/SERVICE processing type stands in only when there is no jobType facet.
    expect(mapJob(stream, { namespace: 'my-namespace', name: 'stream-job' }, [])).toMatchObject({ type: 'STREAM', inputs: [], outputs: [], updatedAt: '2000-01-02T00:00:01.500Z' });
  });
});

describe('mapRun', () => {
  const wire = runSchema.parse(fixture('run.json'));
  const job = { namespace: 'my-namespace', name: 'etl.load' };
  const run = mapRun(wire, job);

  it('maps state, times, facets, parent and error message', () => {
    expect(run).toMatchObject({
      source: 'marquez', runId: '0e89b60a-d80d-42ae-a12b-bd79ae1fb576', job, state: 'FAILED',
      startedAt: '2021-02-05T18:53:33.245492Z', endedAt: '2021-02-05T18:53:41.461122Z', updatedAt: '2021-02-05T18:53:41.461122Z',
      parent: { runId: 'edee0683-f4b7-4401-8578-8c35c6aaa7b0', job: { namespace: 'my-namespace', name: 'etl' } },
      errorMessage: 'division by zero',
    });
    expect(Object.keys(run.facets)).toEqual(['parent', 'errorMessage']);
  });

  it('never shows Marquez\'s version UUID as a version: only a version facet Marquez passes along', () => {
    expect(run.inputs).toEqual([{
      namespace: 'postgres://db.example.com:5432', name: 'public.orders', version: null, facets: wire.inputDatasetVersions?.[0]?.facets, ioFacets: {},
      rowCount: 2000, size: null, producedByRunId: null,
    }]);
    expect(run.outputs[0]).toMatchObject({ namespace: 's3://bucket', name: 'staging/orders', version: '73df0427', rowCount: 1764, size: 40960 });
    expect(withoutVersions(run).outputs[0]?.version).toBeNull();
  });

  it('reads the pre-0.30 inputVersions form and a run without a job version', () => {
    const [legacy] = runListSchema.parse(fixture('runs-legacy.json')).runs;
    if (legacy === undefined) throw new Error('fixture changed');
    const mapped = mapRun(legacy, { namespace: 'my-namespace', name: 'my-job' });
    expect(mapped).toMatchObject({ state: 'RUNNING', endedAt: null, parent: null, errorMessage: null });
    expect(mapped.inputs.map((d) => [d.name, d.version])).toEqual([['an_input_dataset', null]]);
    expect(mapped.outputs.map((d) => [d.name, d.version])).toEqual([['my-dataset', null]]);
  });
});

describe('mapDataset and mapDatasetVersion', () => {
  it('maps the real dataset sample, its schema from `fields` when the facets have none', () => {
    const wire = datasetSchema.parse(sample('mappers/full_dataset_mapper.json'));
    const ref = datasetRefOf(wire);
    expect(ref).toEqual({ namespace: 'NAMESPACE', name: 'NAME' });
    if (ref !== null) expect(mapDataset(wire, ref)).toEqual({ namespace: 'NAMESPACE', name: 'NAME', facets: { schema: { fields: [{ name: 'a', type: 'INTEGER' }] } }, versions: [], updatedAt: '2000-01-02T00:00:01.000Z' });
  });

  it('keeps the facets of a listed dataset', () => {
    const [wire] = datasetListSchema.parse(fixture('datasets.json')).datasets;
    if (wire === undefined) throw new Error('fixture changed');
    expect(Object.keys(mapDataset(wire, { namespace: 'my-namespace', name: 'my-dataset' }).facets)).toEqual(['schema']);
  });

  it('takes the producer version from the version facet and the writer from createdByRun', () => {
    const ref = { namespace: 'my-namespace', name: 'my-dataset' };
    const [written, bare] = datasetVersionListSchema.parse(fixture('dataset-versions.json')).versions.map((v) => mapDatasetVersion(v, ref));
    expect(written).toMatchObject({
      id: 'd224dac0-35d7-4d9b-bbbe-6fff1a8485ad', version: '4af76895', createdByRunId: '0e89b60a-d80d-42ae-a12b-bd79ae1fb576',
      createdAt: '2021-02-05T18:53:41.461122Z', rowCount: 1764, consumedByRunIds: [],
    });
    expect(bare).toMatchObject({ id: 'b1d626a2-6d3a-475e-9ecf-943176d4a8c6', version: null, createdByRunId: null, rowCount: null });
  });
});

describe('facets results', () => {
  it('the real facets samples are facet maps, and /facets answers carry them', () => {
    expect(Object.keys(facetsSchema.parse(sample('facets/job_facets.json')))).toEqual(['documentation', 'sql']);
    expect(facetsResultSchema.parse(sample('mappers/run_facets_mapper.json')).facets).toHaveProperty('nominalTime.nominalEndTime', '2020-01-01T00:00:00Z');
    expect(facetsResultSchema.parse(sample('mappers/job_facets_mapper.json')).facets).toHaveProperty('sql.query', 'SELECT 1 AS test');
  });
});

describe('lineage graphs', () => {
  it('names nodes from their data, never from Marquez ids, and drops edges to nodes not returned', () => {
    const graph = mapLineageGraph(lineageGraphSchema.parse(fixture('lineage.json')));
    const orders = datasetNodeId({ namespace: 'postgres://db.example.com:5432', name: 'public.orders' });
    const load = jobNodeId({ namespace: 'my-namespace', name: 'etl.load' });
    const staged = datasetNodeId({ namespace: 's3://bucket', name: 'staging/orders' });
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([orders, load, staged].sort());
    expect(graph.edges).toEqual([{ from: orders, to: load }, { from: load, to: staged }]);
  });

  it('reads the real lineage node sample', () => {
    const graph = mapLineageGraph({ graph: [lineageNodeSchema.parse(sample('lineage/node.json'))] });
    expect(graph).toEqual({ nodes: [{ id: datasetNodeId({ namespace: 'namespace', name: 'commonDataset' }), kind: 'dataset', namespace: 'namespace', name: 'commonDataset' }], edges: [] });
  });

  it('builds the snapshot graph from the jobs\' inputs and outputs, with a node for every dataset named', () => {
    const job = { namespace: 'n', name: 'j', type: null, description: null, facets: {}, inputs: [{ namespace: 'postgres://h:5432', name: 'a' }], outputs: [{ namespace: 'n', name: 'b' }], runIds: [], latestRunState: null, updatedAt: null };
    const graph = buildSnapshotGraph([job], [{ namespace: 'n', name: 'b', facets: {}, versions: [], updatedAt: null }]);
    expect(graph.nodes.map((n) => n.id)).toEqual([jobNodeId(job), datasetNodeId({ namespace: 'n', name: 'b' }), datasetNodeId({ namespace: 'postgres://h:5432', name: 'a' })]);
    expect(graph.edges).toEqual([
      { from: datasetNodeId({ namespace: 'postgres://h:5432', name: 'a' }), to: jobNodeId(job) },
      { from: jobNodeId(job), to: datasetNodeId({ namespace: 'n', name: 'b' }) },
    ]);
  });
});

describe('mapSearchResults', () => {
  it('keeps jobs and datasets, drops kinds Runlens does not know', () => {
    expect(mapSearchResults(searchResultListSchema.parse(fixture('search.json')).results)).toEqual([
      { kind: 'dataset', namespace: 'food_delivery', name: 'public.delivery_7_days' },
      { kind: 'job', namespace: 'food_delivery', name: 'etl_delivery_7_days' },
    ]);
  });
});

describe('mapUpstream', () => {
  const wire = upstreamLineageSchema.parse(fixture('upstream.json'));
  const filtering = '2a310612-c296-4962-ab42-95fc79294f67';
  const dedup = '73a66762-e720-4d17-9895-509382dc6328';

  it('puts the run first, then its producers breadth first, with depths and no Marquez version UUIDs', () => {
    const up = mapUpstream(wire, { runUuid: filtering, depth: 20, basis: 'b', truncated: false });
    expect(up.runs.map((r) => [r.runId, r.depth, r.state])).toEqual([[filtering, 0, 'COMPLETED'], [dedup, 1, 'COMPLETED']]);
    expect(up.runs[0]?.inputs).toEqual([{ namespace: 's3://bucket', name: 'groot/staging/deduplicated', version: null, producedByRunId: dedup }]);
    expect(up.runs[1]?.job).toEqual({ namespace: 'groot-data-etl', name: 'groot-data-etl.deduplication' });
    expect(up).toMatchObject({ truncated: false, basis: 'b' });
  });

  it('is truncated when runs at the depth limit read from runs not returned, or when told so', () => {
    expect(mapUpstream(wire, { runUuid: filtering, depth: 2, basis: 'b', truncated: false }).truncated).toBe(true);
    expect(mapUpstream({ runs: wire.runs.slice(0, 1) }, { runUuid: filtering, depth: 20, basis: 'b', truncated: true }).truncated).toBe(true);
  });
});
