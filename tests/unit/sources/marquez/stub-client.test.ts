import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetNodeId, jobNodeId } from '@/lib/openlineage/node-id';
import { createMarquezClient, displayUrl, marquezDatasetFieldNodeId, marquezDatasetNodeId, marquezJobNodeId, type MarquezClient } from '@/lib/sources/marquez';
import { mapLineageGraph } from '@/lib/sources/marquez/map-graph';
import type { MarquezStub } from '@/tests/stubs/marquez';
import { EXPECTED, requestsTo, startStub } from './stub-setup';

let stub: MarquezStub;
let client: MarquezClient;

beforeAll(async () => {
  stub = await startStub();
  client = createMarquezClient({ url: `${stub.url}/` });
});

afterAll(() => stub.close());

describe('displayUrl', () => {
  it('drops credentials, query and trailing slash', () => {
    expect(displayUrl('https://user:pw@marquez.example.com:5000/base/?token=x#y')).toBe('https://marquez.example.com:5000/base');
    expect(displayUrl('not a url')).toBe('(invalid URL)');
  });
});

describe('MarquezClient against the stub', () => {
  const loaded = { namespace: 's3://bucket', name: 'groot/staging/loaded' };

  it('encodes namespaces and names holding ":" and "/" as one path segment each', async () => {
    expect(await client.dataset({ namespace: 'postgres://host:5432', name: 'public.t' })).toBeNull();
    expect(stub.requests.at(-1)?.path).toBe('/api/v1/namespaces/postgres%3A%2F%2Fhost%3A5432/datasets/public.t');
    expect((await client.dataset(loaded))?.name).toBe('groot/staging/loaded');
    expect(stub.requests.at(-1)?.path).toBe('/api/v1/namespaces/s3%3A%2F%2Fbucket/datasets/groot%2Fstaging%2Floaded');
  });

  it('sends node ids whole in the query, so Marquez finds the node whose namespace holds "://"', async () => {
    const graph = mapLineageGraph(await client.lineage(marquezDatasetNodeId(loaded), 1));
    expect(graph.nodes.map((n) => n.id)).toEqual(expect.arrayContaining([
      datasetNodeId(loaded), jobNodeId({ namespace: 'groot-data-etl', name: 'groot-data-etl.data-loading' }),
    ]));
    expect(requestsTo(stub, '/api/v1/lineage').at(-1)?.query).toBe('nodeId=dataset%3As3%3A%2F%2Fbucket%3Agroot%2Fstaging%2Floaded&depth=1');
    const job = await client.lineage(marquezJobNodeId({ namespace: 'food_delivery', name: 'etl_orders' }), 1);
    expect(job.graph.some((n) => n.type === 'JOB')).toBe(true);
  });

  it('asks column lineage of a dataset field', async () => {
    const columns = await client.columnLineage(marquezDatasetFieldNodeId({ namespace: 'food_delivery', name: 'public.delivery_7_days' }, 'order_id'), 2, true);
    expect(Array.isArray(columns.graph)).toBe(true);
    expect(requestsTo(stub, '/api/v1/column-lineage').at(-1)?.status).toBe(200);
  });

  it('filters all jobs by their last run state', async () => {
    const all = await client.allJobs({ limit: 100, offset: 0 });
    const completed = await client.allJobs({ limit: 100, offset: 0 }, ['COMPLETED']);
    expect(completed.jobs.length).toBeGreaterThan(0);
    expect(completed.jobs.length).toBeLessThan(all.jobs.length);
    expect(requestsTo(stub, '/api/v1/jobs').at(-1)?.query).toBe('limit=100&offset=0&lastRunStates=COMPLETED');
    const perNamespace = await client.jobs('groot-data-etl', { limit: 2, offset: 0 });
    expect(perNamespace).toMatchObject({ totalCount: 5 });
    expect(perNamespace.jobs).toHaveLength(2);
  });

  it('reads run and job facets of a run', async () => {
    const stage = EXPECTED.executions[0]?.stages[0];
    if (stage === undefined) throw new Error('EXPECTED.json changed');
    const runFacets = await client.runFacets(stage.openlineage_run_id, 'run');
    const jobFacets = await client.runFacets(stage.openlineage_run_id, 'job');
    expect(runFacets.facets).toHaveProperty('mlflow');
    expect(jobFacets.facets).toHaveProperty('jobType.jobType', 'TASK');
  });

  it('pages the runs of a job and the versions of a dataset', async () => {
    const runs = await client.jobRuns({ namespace: 'my-scheduler-namespace', name: 'myjob' }, { limit: 1, offset: 1 });
    expect(runs.runs).toHaveLength(1);
    const versions = await client.datasetVersions(loaded, { limit: 1, offset: 0 });
    expect(versions.versions).toHaveLength(1);
    expect(versions.totalCount).toBeGreaterThanOrEqual(1);
  });
});
