import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMarquezClient } from '@/lib/sources/marquez/client';
import { createMlflowClient } from '@/lib/sources/mlflow/client';

// Ids, names and queries reach the upstream clients straight from URLs people paste. Whatever they hold,
// every request must go to the configured host, under the configured API path.
const HOSTILE = [
  'http://evil.example/x', '//evil.example/x', '@evil.example', '../../../admin', '..%2F..%2Fadmin', '%2e%2e/x',
  'a/../../b', '?x=1#frag', 'x\r\nHost: evil.example', '\\\\evil.example\\x', 'javascript:alert(1)', '🙂',
];

const requested: URL[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  requested.length = 0;
});

function recordFetches() {
  vi.stubGlobal('fetch', async (input: string | URL | Request) => {
    requested.push(new URL(input instanceof Request ? input.url : input));
    return new Response('{}', { status: 404, headers: { 'content-type': 'application/json' } });
  });
}

async function settle(calls: Array<() => Promise<unknown>>) {
  for (const call of calls) await call().catch(() => null);
}

describe('only configured upstream hosts are called', () => {
  it('Marquez: every request stays on the configured origin under /api/v1', async () => {
    recordFetches();
    const client = createMarquezClient({ url: 'http://marquez.internal:5000', retries: 0 });
    const page = { limit: 10, offset: 0 };
    await settle(HOSTILE.flatMap((s) => [
      () => client.job({ namespace: s, name: s }),
      () => client.dataset({ namespace: s, name: s }),
      () => client.datasetVersions({ namespace: s, name: s }, page),
      () => client.jobRuns({ namespace: s, name: s }, page),
      () => client.run(s),
      () => client.runFacets(s, 'run'),
      () => client.lineage(s, 2),
      () => client.upstream(s, 2),
      () => client.search(s, { limit: 5 }),
    ]));
    expect(requested.length).toBeGreaterThanOrEqual(HOSTILE.length * 9);
    for (const url of requested) {
      expect(url.origin).toBe('http://marquez.internal:5000');
      expect(url.pathname.startsWith('/api/v1/')).toBe(true);
      expect(url.pathname).not.toMatch(/\/\.\.?(\/|$)/);
    }
  });

  it('MLflow: every request stays on the configured origin under its path prefix', async () => {
    recordFetches();
    const client = createMlflowClient({ baseUrl: 'https://mlflow.internal/mlflow', username: null, password: null, token: null, retries: 0 });
    await settle(HOSTILE.flatMap((s) => [
      () => client.getRun(s),
      () => client.getExperiment(s),
      () => client.metricHistory({ runId: s, key: s, maxResults: 10 }),
      () => client.getRegisteredModel(s),
      () => client.listArtifacts({ runId: s, path: s }),
      () => client.searchRuns({ experimentIds: [s], filter: s, runViewType: 'ALL', maxResults: 10 }),
    ]));
    expect(requested.length).toBeGreaterThanOrEqual(HOSTILE.length * 6);
    for (const url of requested) {
      expect(url.origin).toBe('https://mlflow.internal');
      expect(url.pathname).toMatch(/^\/mlflow\/(ajax-)?api\/2\.0\/mlflow\//);
    }
  });
});
