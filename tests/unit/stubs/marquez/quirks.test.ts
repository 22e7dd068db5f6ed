import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startMarquezStub, type MarquezStub } from '@/tests/stubs/marquez';
import { nameUuid } from '@/tests/stubs/marquez/uuid';
import { runEvent, versionFacet } from './events';
import { allSharedEvents, enc, get, list, record, startShared } from './helpers';

let shared: MarquezStub;
beforeAll(async () => {
  shared = await startShared();
});
afterAll(async () => {
  await shared.close();
});

const GROOT_LOADING_RUN = '547946ee-2284-49a0-9e68-38616df31fe1';
const GROOT_PARENT_RUN = 'edee0683-f4b7-4401-8578-8c35c6aaa7b0';

describe('quirk 1: unknown values are written as null, not left out', () => {
  test('job, run and dataset carry explicit nulls', async () => {
    const job = record((await get(shared, '/namespaces/food_delivery/jobs/etl_menus')).json);
    expect(job).toHaveProperty('location', null);
    expect(job).toHaveProperty('parentJobName', null);
    const run = record((await get(shared, `/jobs/runs/${GROOT_LOADING_RUN}`)).json);
    expect(run).toHaveProperty('nominalStartTime', null);
    expect(run).toHaveProperty('nominalEndTime', null);
    const dataset = record((await get(shared, `/namespaces/${enc('s3://bucket')}/datasets/${enc('groot/raw/multimodal')}`)).json);
    expect(dataset).toHaveProperty('description', null);
    expect(dataset).toHaveProperty('lastModifiedAt', null);
  });

  test('a job whose run never finished has no version: currentVersion and the run jobVersion are null, inputs empty', async () => {
    const job = record((await get(shared, `/namespaces/my-scheduler-namespace/jobs/${enc('myjob.task')}`)).json);
    expect(job).toHaveProperty('currentVersion', null);
    expect(job.inputs).toEqual([]);
    const latest = record(job.latestRun);
    expect(latest.state).toBe('RUNNING');
    expect(latest).toHaveProperty('jobVersion', null);
    expect(latest).toHaveProperty('endedAt', null);
    expect(latest).toHaveProperty('durationMs', null);
  });

  test('a run whose events had no eventType is NEW', async () => {
    const runs = list((await get(shared, '/namespaces/my-namespace/jobs/myjob/runs')).json, 'runs');
    expect(runs.map((r) => r.state)).toEqual(['NEW']);
    expect(runs[0]).toHaveProperty('startedAt', null);
  });
});

describe('quirk 2: errors', () => {
  test('404s are {code, message} JSON', async () => {
    const cases: Array<[string, string]> = [
      ['/namespaces/nope', "Namespace 'nope' not found."],
      ['/namespaces/food_delivery/jobs/nope', "Job 'nope' not found."],
      ['/namespaces/food_delivery/datasets/nope', "Dataset 'nope' not found."],
      ['/jobs/runs/00000000-0000-4000-8000-000000000000', "Run '00000000-0000-4000-8000-000000000000' not found."],
      ['/no/such/path', 'HTTP 404 Not Found'],
      [`/lineage?nodeId=${enc('job:food_delivery:nope')}`, 'Could not find node'],
    ];
    for (const [path, message] of cases) {
      const answer = await get(shared, path);
      expect([path, answer.status, answer.contentType, answer.json]).toEqual([path, 404, 'application/json; charset=utf-8', { code: 404, message }]);
    }
  });

  test('a malformed run id is a plain-text 400', async () => {
    const answer = await get(shared, '/jobs/runs/not-a-uuid');
    expect(answer.status).toBe(400);
    expect(answer.contentType).toMatch(/^text\/plain/);
    expect(answer.json).toBeUndefined();
  });

  test('a missing required query parameter is Dropwizard\'s {errors: [...]} 400', async () => {
    const answer = await get(shared, '/lineage');
    expect(answer.status).toBe(400);
    expect(answer.json).toEqual({ errors: ['query param nodeId must not be null'] });
  });

  test('a dataset no job version mentions has no lineage: 404', async () => {
    const answer = await get(shared, `/lineage?nodeId=${enc('dataset:my-dataset-namespace:my-dataset-name')}`);
    expect(answer.status).toBe(404);
  });
});

describe('quirk 3: run ids', () => {
  const mlflowId = 'e8957b09674b442997df1d9f9d1834eb';
  let stub: MarquezStub;
  beforeAll(async () => {
    stub = await startMarquezStub({
      events: [
        runEvent({ eventType: 'START', eventTime: '2026-01-01T00:00:00Z', runId: 'airflow-run-7', job: 'a' }),
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-01-01T00:01:00Z', runId: mlflowId, job: 'b' }),
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-01-01T00:02:00Z', runId: 'E8957B09-674B-4429-97DF-1D9F9D1834EC', job: 'c' }),
      ],
    });
  });
  afterAll(async () => {
    await stub.close();
  });

  test('nameUuid is Java UUID.nameUUIDFromBytes (MD5, version 3)', () => {
    expect(nameUuid('hello')).toBe('5d41402a-bc4b-3a76-b971-9d911017c592');
  });

  test('a non-UUID run id is stored under its name-based UUID; the original string is a 400', async () => {
    expect((await get(stub, `/jobs/runs/${nameUuid('airflow-run-7')}`)).status).toBe(200);
    expect((await get(stub, '/jobs/runs/airflow-run-7')).status).toBe(400);
  });

  test('a 32-hex MLflow id is not a UUID to Marquez: dashing it does not find the run', async () => {
    const dashed = `${mlflowId.slice(0, 8)}-${mlflowId.slice(8, 12)}-${mlflowId.slice(12, 16)}-${mlflowId.slice(16, 20)}-${mlflowId.slice(20)}`;
    expect((await get(stub, `/jobs/runs/${dashed}`)).status).toBe(404);
    expect(record((await get(stub, `/jobs/runs/${nameUuid(mlflowId)}`)).json).id).toBe(nameUuid(mlflowId));
  });

  test('a dashed UUID is kept, lower-cased', async () => {
    const answer = await get(stub, '/jobs/runs/e8957b09-674b-4429-97df-1d9f9d1834ec');
    expect(record(answer.json).id).toBe('e8957b09-674b-4429-97df-1d9f9d1834ec');
  });
});

describe('quirk 4: lineage', () => {
  const jobIds = async (stub: MarquezStub, nodeId: string, depth: number): Promise<string[]> =>
    list((await get(stub, `/lineage?nodeId=${enc(nodeId)}&depth=${depth}`)).json, 'graph')
      .filter((n) => n.type === 'JOB')
      .map((n) => String(n.id));

  test('it is undirected: a sibling reading the same dataset is one step away', async () => {
    const ids = await jobIds(shared, 'job:grandmas.kitchen:prepare_apple_cider', 1);
    expect(ids).toContain('job:grandmas.kitchen:prepare_apple_filling');
  });

  test('it shows only the current job version: gather_apples no longer reads red.delicious', async () => {
    const graph = list((await get(shared, `/lineage?nodeId=${enc('job:grandmas.kitchen:gather_apples')}&depth=1`)).json, 'graph');
    const ids = graph.map((n) => String(n.id));
    expect(ids).toContain('dataset:backyard:crab.apples');
    expect(ids).not.toContain('dataset:laurents-orchard:red.delicious');
  });

  test('a child job\'s lineage node shows its PARENT\'s run; the job resource shows its own', async () => {
    const jobId = 'job:groot-data-etl:groot-data-etl.data-loading';
    const node = list((await get(shared, `/lineage?nodeId=${enc(jobId)}&depth=0`)).json, 'graph').find((n) => n.id === jobId);
    expect(record(record(node?.data).latestRun).id).toBe(GROOT_PARENT_RUN);
    const job = record((await get(shared, `/namespaces/groot-data-etl/jobs/${enc('groot-data-etl.data-loading')}`)).json);
    expect(record(job.latestRun).id).toBe(GROOT_LOADING_RUN);
    expect([job.simpleName, job.parentJobName]).toEqual(['data-loading', 'groot-data-etl']);
  });

  test('node ids keep colons of URIs: the s3 namespace parses', async () => {
    const graph = list((await get(shared, `/lineage?nodeId=${enc('dataset:s3://bucket:groot/staging/loaded')}&depth=1`)).json, 'graph');
    expect(graph.map((n) => n.id)).toContain('job:groot-data-etl:groot-data-etl.deduplication');
  });
});

describe('quirk 5: dataset versions', () => {
  let stub: MarquezStub;
  const ds = { namespace: 's3://bucket', name: 'raw/source' };
  beforeAll(async () => {
    stub = await startMarquezStub({
      events: [
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-01-01T00:00:00Z', runId: '00000000-0000-4000-8000-00000000000a', job: 'first', inputs: [{ ...ds, facets: versionFacet('v1') }] }),
        runEvent({ eventType: 'COMPLETE', eventTime: '2026-01-02T00:00:00Z', runId: '00000000-0000-4000-8000-00000000000b', job: 'second', inputs: [{ ...ds, facets: versionFacet('v2') }] }),
      ],
    });
  });
  afterAll(async () => {
    await stub.close();
  });
  const base = `/namespaces/${enc(ds.namespace)}/datasets/${enc(ds.name)}`;

  test('a read makes no new version, and the version facet is the LATEST read\'s (Marquez #2733)', async () => {
    const versions = list((await get(stub, `${base}/versions`)).json, 'versions');
    expect(versions).toHaveLength(1);
    expect(versions[0]).toHaveProperty('createdByRun', null);
    expect(record(record(versions[0]?.facets).version).datasetVersion).toBe('v2');
  });

  test('a run names a version by another UUID than the versions API lists (Marquez #1977, #1883)', async () => {
    const run = record((await get(stub, '/jobs/runs/00000000-0000-4000-8000-00000000000a')).json);
    const ref = String(record(list(run, 'inputDatasetVersions')[0]?.datasetVersionId).version);
    const listed = list((await get(stub, `${base}/versions`)).json, 'versions').map((v) => v.version);
    expect(listed).not.toContain(ref);
    expect((await get(stub, `${base}/versions/${ref}`)).status).toBe(404);
    expect(record((await get(stub, base)).json).currentVersion).toBe(ref);
    const other = record((await get(stub, '/jobs/runs/00000000-0000-4000-8000-00000000000b')).json);
    expect(record(list(other, 'inputDatasetVersions')[0]?.datasetVersionId).version).toBe(ref);
  });

  test('each write is a version created by its run', async () => {
    const versions = list((await get(shared, `/namespaces/${enc('s3://bucket')}/datasets/${enc('groot/staging/loaded')}/versions`)).json, 'versions');
    expect(versions.map((v) => record(v.createdByRun).id)).toEqual([GROOT_LOADING_RUN]);
  });
});

describe('quirk 6: upstream run lineage', () => {
  test('500 {code, message} when the walk reaches an input version no run produced', async () => {
    const answer = await get(shared, '/runlineage/upstream?runId=e8957b09-674b-4429-97df-1d9f9d1834eb&depth=10');
    expect(answer.status).toBe(500);
    expect(record(answer.json).code).toBe(500);
  });

  test('200 when every input version has a producer', async () => {
    const runId = String(record(record((await get(shared, '/namespaces/food_delivery/jobs/etl_orders_7_days')).json).latestRun).id);
    const runs = list((await get(shared, `/runlineage/upstream?runId=${runId}&depth=10`)).json, 'runs');
    expect(record(runs[0]?.run).id).toBe(runId);
    expect(runs.length).toBe(5);
    expect(list(runs[0], 'inputs').every((i) => typeof i.producedByRunId === 'string')).toBe(true);
  });
});

describe('quirk 7: paging', () => {
  async function pages(path: string, key: string, limit: number): Promise<{ items: unknown[]; totals: unknown[] }> {
    const items: unknown[] = [];
    const totals: unknown[] = [];
    for (let offset = 0; ; offset += limit) {
      const body = record((await get(shared, `${path}${path.includes('?') ? '&' : '?'}limit=${limit}&offset=${offset}`)).json);
      totals.push(body.totalCount);
      const page = list(body, key);
      items.push(...page.map((item) => JSON.stringify(item)));
      if (page.length < limit) return { items, totals };
    }
  }

  test.each([
    ['/jobs', 'jobs'],
    ['/namespaces/food_delivery/datasets', 'datasets'],
    ['/namespaces/grandmas.kitchen/jobs/gather_apples/runs', 'runs'],
    [`/events/lineage?after=${enc('1970-01-01T00:00:00Z')}&before=${enc('2100-01-01T00:00:00Z')}`, 'events'],
  ])('%s: pages add up to the whole list and totalCount stays the same', async (path, key) => {
    // Dataset facets depend on the page (the next test); the rest of each item does not.
    const withoutFacets = (json: string) => JSON.stringify({ ...(JSON.parse(json) as object), facets: null });
    const all = list((await get(shared, `${path}${path.includes('?') ? '&' : '?'}limit=1000`)).json, key).map((item) => withoutFacets(JSON.stringify(item)));
    const { items, totals } = await pages(path, key, 3);
    expect(items.map((i) => withoutFacets(i as string))).toEqual(all);
    const eventsOtherThanRunEvents = allSharedEvents().filter((e) => typeof e === 'object' && e !== null && !('run' in e)).length;
    // Marquez lists only RUN_EVENTs but counts every event of the window (getAllLineageTotalCount).
    expect(new Set(totals)).toEqual(new Set([key === 'events' ? all.length + eventsOtherThanRunEvents : all.length]));
  });

  test('the dataset list fills facets for the first 10 datasets of a page only; fields for all', async () => {
    const datasets = list((await get(shared, '/namespaces/food_delivery/datasets?limit=1000')).json, 'datasets').map(record);
    expect(datasets.length).toBeGreaterThan(10);
    expect(datasets.slice(0, 10).every((d) => Object.keys(record(d.facets)).length > 0)).toBe(true);
    expect(datasets.slice(10).map((d) => d.facets)).toEqual(datasets.slice(10).map(() => ({})));
    expect(datasets.every((d) => list(d, 'fields').length > 0)).toBe(true);
  });

  test('search has no offset and its totalCount counts only what it returned', async () => {
    const body = record((await get(shared, '/search?q=e&limit=2')).json);
    expect(list(body, 'results')).toHaveLength(2);
    expect(body.totalCount).toBe(2);
  });

  test('events come sorted by eventTime, newest first unless sortDirection=asc', async () => {
    const window = `after=${enc('2026-11-26T00:00:00Z')}&before=${enc('2026-11-27T00:00:00Z')}`;
    const times = (body: unknown) => list(body, 'events').map((e) => Date.parse(String(e.eventTime)));
    const desc = times((await get(shared, `/events/lineage?${window}`)).json);
    const asc = times((await get(shared, `/events/lineage?${window}&sortDirection=asc`)).json);
    expect(desc).toHaveLength(10);
    expect(asc).toEqual([...desc].reverse());
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
  });
});

describe('server behaviour', () => {
  test('an API key is required like an auth proxy; every request is recorded with its status', async () => {
    const stub = await startMarquezStub({ events: [], apiKey: 'sekret', latencyMs: 30 });
    try {
      const denied = await get(stub, '/namespaces');
      expect([denied.status, denied.contentType.startsWith('text/plain')]).toEqual([401, true]);
      const started = Date.now();
      const allowed = await get(stub, '/namespaces?limit=5', { authorization: 'Bearer sekret' });
      expect(allowed.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(25);
      const timed = { startedAt: expect.any(Number), endedAt: expect.any(Number) };
      expect(stub.requests).toEqual([
        { method: 'GET', path: '/api/v1/namespaces', query: '', status: 401, ...timed, bytes: 'Unauthorized'.length },
        { method: 'GET', path: '/api/v1/namespaces', query: 'limit=5', status: 200, ...timed, bytes: Buffer.byteLength(allowed.text) },
      ]);
      // Start and end times bracket the latency, for the fan-out bench's critical-path count.
      const last = stub.requests[1]!;
      expect(last.endedAt! - last.startedAt).toBeGreaterThanOrEqual(24);
      expect(last.startedAt).toBeGreaterThanOrEqual(stub.requests[0]!.endedAt!);
    } finally {
      await stub.close();
    }
  });
});
