import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROOT_RECORDINGS, MLFLOW3_RECORDINGS, startMlflowStub, type MlflowStub } from '@/tests/stubs/mlflow';

interface Recorded {
  file: string;
  method: string;
  target: string;
  body: string | undefined;
}

function recorded(dir: string): Recorded[] {
  return readFileSync(path.join(dir, '_status.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((line) => {
    const [file = '', method = '', request = ''] = line.split('\t');
    const space = request.indexOf(' ');
    return { file, method, target: space === -1 ? request : request.slice(0, space), body: space === -1 ? undefined : request.slice(space + 1) };
  });
}

async function call(stub: MlflowStub, method: string, target: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; type: string; text: string; json: () => unknown }> {
  const response = await fetch(`${stub.url}${target}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, json: () => JSON.parse(text) };
}

const RUN = 'e8957b09674b442997df1d9f9d1834eb';
const ALL_RUNS = ['edee0683f4b7440185788c35c6aaa7b0', '547946ee228449a09e6838616df31fe1', '73a66762e7204d179895509382dc6328', '2a310612c2964962ab4295fc79294f67', RUN];

describe.each([
  ['groot-a', GROOT_RECORDINGS],
  ['mlflow-3x', MLFLOW3_RECORDINGS],
])('the stub replays every recorded request of %s', (_name, dir) => {
  let stub: MlflowStub;
  beforeAll(async () => {
    stub = await startMlflowStub({ recordings: dir });
  });
  afterAll(async () => {
    await stub.close();
  });

  it.each(recorded(dir).map((r) => [r.file, r] as const))('%s', async (_file, r) => {
    const answer = await call(stub, r.method, r.target, r.body);
    expect(answer.status).toBe(200);
    expect(answer.json()).toEqual(JSON.parse(readFileSync(path.join(dir, r.file), 'utf8')));
  });
});

describe('the stub beyond the recordings', () => {
  let stub: MlflowStub;
  beforeAll(async () => {
    stub = await startMlflowStub({ auth: { username: 'ada', password: 'pw' }, latencyMs: 30 });
  });
  afterAll(async () => {
    await stub.close();
  });
  const basic = { authorization: `Basic ${Buffer.from('ada:pw').toString('base64')}` };
  const runIds = (json: unknown): string[] => {
    const runs = typeof json === 'object' && json !== null && 'runs' in json && Array.isArray(json.runs) ? json.runs : [];
    return runs.map((r: { info?: { run_id?: string } }) => r.info?.run_id ?? '');
  };

  it('refuses wrong or missing credentials with MLflow basic-auth\'s plain-text 401, and logs it', async () => {
    const answer = await call(stub, 'GET', `/api/2.0/mlflow/runs/get?run_id=${RUN}`, undefined, { authorization: 'Basic eDp5' });
    expect(answer.status).toBe(401);
    expect(answer.type).toMatch(/^text\/plain/);
    expect(answer.text).toMatch(/^You are not authenticated/);
    expect(stub.requests.at(-1)).toEqual({ method: 'GET', path: '/api/2.0/mlflow/runs/get', query: `run_id=${RUN}`, body: null, status: 401, startedAt: expect.any(Number), endedAt: expect.any(Number), bytes: expect.any(Number) });
  });

  it('filters runs/search by attributes.run_id IN (…), logging the POST body', async () => {
    const body = { experiment_ids: ['1'], filter: `attributes.run_id IN ('${RUN}', '${ALL_RUNS[0]}', 'nope')`, max_results: 10 };
    const answer = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', body, basic);
    expect(runIds(answer.json()).sort()).toEqual([ALL_RUNS[0], RUN].sort());
    expect(stub.requests.at(-1)).toMatchObject({ method: 'POST', body, status: 200 });
    const one = await call(stub, 'POST', '/ajax-api/2.0/mlflow/runs/search', { experiment_ids: ['1'], filter: `run_id = '${RUN}'` }, basic);
    expect(runIds(one.json())).toEqual([RUN]);
    const other = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', { experiment_ids: ['0'], filter: `run_id = '${RUN}'` }, basic);
    expect(other.json()).toEqual({});
  });

  it('orders as MLflow does: newest first unless asked, and by start time either way', async () => {
    const byDefault = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', { experiment_ids: ['1'] }, basic);
    expect(runIds(byDefault.json())).toEqual([...ALL_RUNS].reverse());
    const window = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', {
      experiment_ids: ['1'], filter: 'attributes.start_time >= 1795673761576 and attributes.start_time < 1795673766552', order_by: ['attributes.start_time DESC'],
    }, basic);
    expect(runIds(window.json())).toEqual(['2a310612c2964962ab4295fc79294f67', '73a66762e7204d179895509382dc6328']);
    const refused = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', { experiment_ids: ['1'], order_by: ['metrics.loss DESC'] }, basic);
    expect(refused.status).toBe(400);
  });

  it('pages with its own tokens and refuses tokens it did not hand out', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const answer = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', { experiment_ids: ['1'], max_results: 2, page_token: token, order_by: ['attributes.start_time ASC'] }, basic);
      const json = answer.json();
      seen.push(...runIds(json));
      token = typeof json === 'object' && json !== null && 'next_page_token' in json && typeof json.next_page_token === 'string' ? json.next_page_token : undefined;
    } while (token !== undefined);
    expect(seen).toEqual(ALL_RUNS);
    const bad = await call(stub, 'POST', '/api/2.0/mlflow/runs/search', { experiment_ids: ['1'], page_token: '%%%' }, basic);
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
  });

  it('answers an unknown run with MLflow\'s 404 body', async () => {
    const answer = await call(stub, 'GET', '/api/2.0/mlflow/runs/get?run_id=0123', undefined, basic);
    expect(answer.status).toBe(404);
    expect(answer.json()).toEqual({ error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Run '0123' not found" });
    expect((await call(stub, 'GET', '/api/2.0/mlflow/metrics/get-history?run_id=0123&metric_key=x', undefined, basic)).status).toBe(404);
    expect((await call(stub, 'GET', `/api/2.0/mlflow/metrics/get-history?run_id=${RUN}&metric_key=unknown`, undefined, basic)).json()).toEqual({});
  });

  it('answers unknown paths and methods like Flask, and waits latencyMs', async () => {
    const started = performance.now();
    const missing = await call(stub, 'GET', '/api/2.0/mlflow/nothing', undefined, basic);
    expect(performance.now() - started).toBeGreaterThanOrEqual(25);
    expect([missing.status, missing.type.split(';')[0]]).toEqual([404, 'text/html']);
    expect((await call(stub, 'GET', '/api/2.0/mlflow/runs/search', undefined, basic)).status).toBe(405);
  });

  it('cuts the bulk-interval recording to the runs asked for and checks its limits', async () => {
    const answer = await call(stub, 'GET', `/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${RUN}&metric_key=throughput&max_results=10`, undefined, basic);
    const json = answer.json();
    const metrics = typeof json === 'object' && json !== null && 'metrics' in json && Array.isArray(json.metrics) ? json.metrics : [];
    expect(metrics.map((m: { run_id?: string; step?: number }) => [m.run_id, m.step])).toEqual([[RUN, 0], [RUN, 1]]);
    expect((await call(stub, 'GET', `/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${RUN}&metric_key=throughput&max_results=9999`, undefined, basic)).status).toBe(400);
  });
});

describe('stub options', () => {
  it('serves under a path prefix and can lack get-history-bulk-interval like a server before 2.11', async () => {
    const stub = await startMlflowStub({ basePath: '/mlflow/', bulkInterval: false });
    try {
      expect(stub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mlflow$/);
      expect((await call(stub, 'GET', '/api/2.0/mlflow/experiments/get?experiment_id=1')).status).toBe(200);
      expect((await fetch(stub.url.replace(/\/mlflow$/, '/api/2.0/mlflow/experiments/get?experiment_id=1'))).status).toBe(404);
      const bulk = await call(stub, 'GET', `/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=${RUN}&metric_key=throughput&max_results=10`);
      expect([bulk.status, bulk.type.split(';')[0]]).toEqual([404, 'text/html']);
    } finally {
      await stub.close();
    }
  });

  it('derives bulk-interval answers from the histories when a fixture set has no recording of it', async () => {
    const stub = await startMlflowStub({ recordings: MLFLOW3_RECORDINGS });
    try {
      const answer = await call(stub, 'GET', '/ajax-api/2.0/mlflow/metrics/get-history-bulk-interval?run_ids=a0000000000000000000000000000001&metric_key=loss&max_results=320');
      expect(answer.json()).toMatchObject({ metrics: [{ step: 0, value: 1 }, { step: 1, value: 'NaN' }, { step: 2, value: 0.5 }] });
    } finally {
      await stub.close();
    }
  });
});
