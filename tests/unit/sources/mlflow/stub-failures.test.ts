import { describe, expect, it } from 'vitest';
import { createMlflowRestSource } from '@/lib/sources/mlflow';
import { startMlflowStub } from '@/tests/stubs/mlflow';
import { caught } from '../../caught';
import { callsTo, stubsClosedAfterEach } from './helpers';

const TOKENIZATION = 'e8957b09674b442997df1d9f9d1834eb';
const start = stubsClosedAfterEach();

describe('auth', () => {
  it('sends Basic credentials like MLflow\'s client (username + password win over a token)', async () => {
    const { stub: s, source } = await start({ auth: { username: 'ada', password: 'pw' } }, { username: 'ada', password: 'pw', token: 'ignored' });
    expect((await source.snapshot()).runs.size).toBe(5);
    expect(s.requests.every((r) => r.status === 200)).toBe(true);
    expect((await source.health()).details.auth).toBe('basic');
  });

  it('sends a token as Bearer', async () => {
    const { stub: s, source } = await start({ auth: { token: 't0ken' } }, { token: 't0ken' });
    expect((await source.snapshot()).models).toHaveLength(1);
    expect(await source.metricHistory(TOKENIZATION, 'throughput')).toHaveLength(2);
    expect(s.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('takes credentials written into the tracking URI, and never shows them', async () => {
    const { stub: s } = await start({ auth: { username: 'ada', password: 'pw' } });
    const source = createMlflowRestSource({ baseUrl: s.url.replace('http://', 'http://ada:pw@'), refreshIntervalMs: 0 });
    expect((await source.snapshot()).runs.size).toBe(5);
    expect((await source.health()).location).toBe(s.url);
  });

  it('a plain-text 401 is kind auth, asked once, and the password never shows', async () => {
    const { stub: s, source } = await start({ auth: { username: 'ada', password: 'pw' } }, { username: 'ada', password: 'wrong-pw' });
    const error = await caught(source.snapshot());
    expect(error).toMatchObject({ kind: 'auth', status: 401, source: 'MLflow' });
    expect(error.message).toContain('POST /api/2.0/mlflow/experiments/search was refused (HTTP 401: You are not authenticated.');
    expect(error.message).not.toContain('wrong-pw');
    expect(s.requests).toHaveLength(1);
    const health = await source.health();
    expect(health).toMatchObject({ status: 'unavailable', location: s.url });
    expect(health.error).not.toContain('wrong-pw');
    // A GET is not retried on 401 either.
    expect(await caught(source.metricHistory(TOKENIZATION, 'throughput'))).toMatchObject({ kind: 'auth' });
    expect(callsTo(s, 'metrics/get-history')).toHaveLength(1);
  });
});

describe('server trouble', () => {
  it('down and never seen: SourceError network, fast, and health says unavailable', async () => {
    const s = await startMlflowStub();
    const url = s.url;
    await s.close();
    const source = createMlflowRestSource({ baseUrl: url, refreshIntervalMs: 0, backoffMs: 1 });
    const started = performance.now();
    expect(await caught(source.snapshot())).toMatchObject({ kind: 'network', source: 'MLflow' });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await source.health()).toMatchObject({ status: 'unavailable', counts: { runs: 0 } });
  });

  it('down after a good read: the last snapshot stays, health says degraded and since when', async () => {
    const { stub: s, source } = await start();
    const good = await source.snapshot();
    await s.close();
    expect(await source.snapshot()).toBe(good);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.error).toMatch(/connection refused \(ECONNREFUSED\) \(after 3 attempts\) \(failing since \d{4}-.*; showing what it answered last\)/);
    expect(health.details.failingSince).toBeDefined();
    expect(health.counts.runs).toBe(5);
  });

  it('a plain-text 503 from a proxy is kind http; GETs and the search POSTs (reads) are retried', async () => {
    const { stub: s, source } = await start({}, { retries: 2 });
    s.setFault({ status: 503, body: 'Service Unavailable' });
    expect(await caught(source.snapshot())).toMatchObject({ kind: 'http', status: 503 });
    expect(s.requests.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill('POST /api/2.0/mlflow/experiments/search'));
    const error = await caught(source.metricHistory(TOKENIZATION, 'throughput'));
    expect(error.message).toContain('answered HTTP 503: Service Unavailable (after 3 attempts)');
    expect(callsTo(s, 'metrics/get-history')).toHaveLength(3);
    s.setFault(null);
    expect((await source.snapshot()).runs.size).toBe(5);
    expect((await source.health()).status).toBe('ok');
  });

  it('an HTML page where JSON belongs is kind parse', async () => {
    const { stub: s, source } = await start();
    s.setFault({ status: 200, body: '<html>login</html>', contentType: 'text/html' });
    expect(await caught(source.snapshot())).toMatchObject({ kind: 'parse' });
  });

  it('a refused model registry leaves runs readable and is listed as a problem', async () => {
    const { stub: s, source } = await start();
    s.setFault({ status: 403, body: 'Permission denied', match: 'registered-models' });
    const snap = await source.snapshot();
    expect(snap.runs.size).toBe(5);
    expect(snap.models).toEqual([]);
    const health = await source.health();
    expect(health.status).toBe('degraded');
    expect(health.problems).toEqual([{ where: 'model registry', message: expect.stringContaining('HTTP 403: Permission denied') }]);
  });
});

describe('get-history-bulk-interval', () => {
  it('falls back to get-history on a server without it, and remembers', async () => {
    const { stub: s, source } = await start({ bulkInterval: false });
    const ids = [TOKENIZATION, 'edee0683f4b7440185788c35c6aaa7b0'];
    const first = await source.metricHistories(ids, 'total_samples');
    expect(first.byRun.get(TOKENIZATION)).toEqual(await source.metricHistory(TOKENIZATION, 'total_samples'));
    expect(first.byRun.get(ids[1] ?? '')).toHaveLength(1);
    expect(first.truncated).toEqual([]);
    await source.metricHistories(ids, 'throughput');
    expect(callsTo(s, 'metrics/get-history-bulk-interval')).toHaveLength(1);
    expect((await source.health()).details.metricHistoryBulkInterval).toBe('missing');
  });

  it('uses it when the server has it', async () => {
    const { stub: s, source } = await start();
    await source.metricHistories([TOKENIZATION], 'total_tokens', { maxResults: 5000 });
    expect(callsTo(s, 'metrics/get-history-bulk-interval').map((r) => new URLSearchParams(r.query).get('max_results'))).toEqual(['2500']);
    expect(callsTo(s, 'metrics/get-history')).toHaveLength(0);
    expect((await source.health()).details.metricHistoryBulkInterval).toBe('available');
  });
});

describe('configuration the source cannot honour', () => {
  it('says on /health that insecure TLS is on, without calling it a problem, and still works over plain http', async () => {
    const { source } = await start({}, { insecureTls: true });
    const health = await source.health();
    expect(health.status).toBe('ok');
    expect(health.problems).toEqual([]);
    expect(health.details.insecureTls).toBe("on: the server's TLS certificate is not verified");
    expect(health.counts.runs).toBe(5);
  });

  it('turns a malformed tracking URI into a SourceError instead of a crash', async () => {
    const source = createMlflowRestSource({ baseUrl: 'http://[broken', refreshIntervalMs: 0 });
    expect(await caught(source.snapshot())).toMatchObject({ kind: 'network', message: 'MLflow: the tracking URI is not a valid http(s) URL' });
    expect(await source.health()).toMatchObject({ status: 'unavailable', location: '(invalid URL)' });
  });

  it('says that a username without a password sends no credentials', async () => {
    const { source } = await start({}, { username: 'ada' });
    const health = await source.health();
    expect(health.problems.map((p) => p.message)).toEqual(['MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD must be set together; Basic auth is not sent']);
    expect(health.details.auth).toBe('none');
  });
});
