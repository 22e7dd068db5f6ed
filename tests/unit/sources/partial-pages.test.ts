import { describe, expect, it } from 'vitest';
import { SourceError } from '@/lib/http/source-error';
import type { SourceProblem } from '@/lib/model';
import type { MlflowClient } from '@/lib/sources/mlflow/client';
import { fetchExperiments } from '@/lib/sources/mlflow/fetch-snapshot';
import { collectPages } from '@/lib/sources/mlflow/paging';
import type { WandbClient } from '@/lib/sources/wandb/client';
import { DEFAULT_LIMITS, fetchSnapshotWire } from '@/lib/sources/wandb/fetch-snapshot';

// A slow or failing page of a paged MLflow or W&B read is asked again; if it fails twice after earlier
// pages, the read is partial (reported), never an unavailable source. Failures of the source itself still fail.
const timeout = () => new SourceError({ source: 'MLflow', kind: 'timeout', message: 'MLflow: GET /experiments/search timed out after 10000 ms' });
const refused = () => new SourceError({ source: 'MLflow', kind: 'network', message: 'MLflow: connection refused' });
const unauthorised = () => new SourceError({ source: 'MLflow', kind: 'http', status: 401, message: 'MLflow: 401' });

/** Pages of two items, tokens 1, 2, 3…; `failures[token]` failures are thrown before that page answers. */
function pagesWith(failures: Record<string, Array<() => Error>>, last = 5) {
  const asked: string[] = [];
  const fetchPage = async (token: string | undefined) => {
    const at = token ?? '0';
    asked.push(at);
    const fail = failures[at]?.shift();
    if (fail) throw fail();
    const n = Number(at);
    return { items: [n * 2, n * 2 + 1], next: n < last ? String(n + 1) : null };
  };
  return { fetchPage, asked };
}

describe('collectPages with local page failures', () => {
  it('asks a page that timed out once more and completes the read', async () => {
    const { fetchPage, asked } = pagesWith({ 2: [timeout] });
    const read = await collectPages(fetchPage, { max: 100, what: 'x', pageFailureIsLocal: () => true });
    expect(read).toEqual({ items: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], capped: false });
    expect(asked).toEqual(['0', '1', '2', '2', '3', '4', '5']);
  });

  it('ends as a partial read when the page fails twice after earlier pages', async () => {
    const { fetchPage } = pagesWith({ 2: [timeout, timeout] });
    const read = await collectPages(fetchPage, { max: 100, what: 'x', pageFailureIsLocal: () => true });
    expect(read.items).toEqual([0, 1, 2, 3]);
    expect(read.partial).toEqual({ after: 4, message: 'MLflow: GET /experiments/search timed out after 10000 ms' });
  });

  it('still fails when the first page fails (it stands for the source), or when the failure is the source’s', async () => {
    const first = pagesWith({ 0: [timeout] });
    await expect(collectPages(first.fetchPage, { max: 100, what: 'x', pageFailureIsLocal: () => true })).rejects.toThrow(/timed out/);
    expect(first.asked).toEqual(['0']);
    await expect(collectPages(pagesWith({ 2: [refused] }).fetchPage, { max: 100, what: 'x', pageFailureIsLocal: () => false })).rejects.toThrow(/refused/);
  });
});

describe('MLflow experiments/search with a page that stays slow', () => {
  const client = (failures: Record<string, Array<() => Error>>) => {
    const pages = pagesWith(failures);
    return {
      searchExperiments: async ({ pageToken }: { pageToken?: string }) => {
        const page = await pages.fetchPage(pageToken);
        return { experiments: page.items.map((n) => ({ experiment_id: String(n), name: `e${n}` })), next_page_token: page.next ?? undefined };
      },
    } as unknown as MlflowClient;
  };
  const limits = { pageSize: 2, maxExperiments: 1000 } as Parameters<typeof fetchExperiments>[1];

  it('lists the experiments read before it and reports a partial read', async () => {
    const problems: SourceProblem[] = [];
    const experiments = await fetchExperiments(client({ 3: [timeout, timeout] }), limits, problems);
    expect(experiments.map((e) => e.experiment_id)).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(problems).toEqual([{ where: 'experiments/search', message: expect.stringMatching(/^read partially: a page of experiments\/search failed twice after 6 experiments \(MLflow: GET \/experiments\/search timed out/) }]);
  });

  it('fails the read on a 401 (the source’s failure, not one page’s)', async () => {
    await expect(fetchExperiments(client({ 3: [unauthorised] }), limits, [])).rejects.toThrow('MLflow: 401');
  });
});

describe('W&B run artifacts beyond the first page', () => {
  it('a follow-up page that fails twice keeps the run and its first artifacts, and says so', async () => {
    const artifact = (n: number) => ({ id: `a${n}`, name: `data-${n}`, digest: `d${n}`, artifactType: { name: 'dataset' }, metadata: null });
    const run = { name: 'r1', id: 'x', createdAt: '2026-11-20T00:00:00', state: 'finished', config: '{}', summaryMetrics: '{}',
      outputArtifacts: { edges: [{ node: artifact(1) }], pageInfo: { endCursor: 'c1', hasNextPage: true } }, inputArtifacts: { edges: [], pageInfo: { hasNextPage: false } } };
    let artifactCalls = 0;
    const client = {
      baseUrl: 'http://wandb',
      projectRuns: async () => ({ items: [run], endCursor: null, hasNextPage: false }),
      runArtifacts: async () => {
        artifactCalls += 1;
        throw new SourceError({ source: 'W&B', kind: 'http', status: 502, message: 'W&B: POST /graphql answered 502' });
      },
    } as unknown as WandbClient;
    const wire = await fetchSnapshotWire(client, [{ entity: 'team', project: 'p' }], DEFAULT_LIMITS);
    expect(artifactCalls).toBe(2);
    expect(wire.runs).toHaveLength(1);
    expect(wire.runs[0]!.outputs.map((a) => a.name)).toEqual(['data-1']);
    expect(wire.problems).toEqual([{ where: 'team/p/r1', message: expect.stringMatching(/^read partially: a page of outputArtifacts of team\/p\/r1 failed twice after 1 artifacts \(W&B: POST \/graphql answered 502\)/) }]);
  });
});

describe('an MLflow metric history whose later page stays slow', () => {
  it('fails that history, saying it was read partially (a history cut short would draw a wrong line)', async () => {
    const { metricHistory } = await import('@/lib/sources/mlflow/metric-history');
    const pages = pagesWith({ 1: [timeout, timeout] });
    const client = {
      metricHistory: async ({ pageToken }: { pageToken?: string }) => {
        const page = await pages.fetchPage(pageToken);
        return { metrics: page.items.map((n) => ({ key: 'loss', value: n, step: n, timestamp: n })), next_page_token: page.next ?? undefined };
      },
    } as unknown as MlflowClient;
    const ctx = { client, pageSize: 2, historyPageSize: 2, experimentsPerSearch: 1, concurrency: 1, experimentIndex: async () => new Map() } as unknown as Parameters<typeof metricHistory>[0];
    await expect(metricHistory(ctx, 'a0f1e2d3c4b5a6978877665544332211', 'loss')).rejects.toThrow(/the history of loss was read partially \(a page of metrics\/get-history failed twice after 2 points/);
    expect(pages.asked).toEqual(['0', '1', '1']);
  });
});
