import { beforeAll, describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageRuns, runListQuerySchema, type RunPage } from '@/lib/catalog/run-list';
import type { RunIndex } from '@/lib/catalog/run-index';
import type { MetricPoint } from '@/lib/model';
import { experimentRun, lineageRun } from '../join/factories';
import { indexOf } from './catalog-index';

function hex(i: number) {
  return i.toString(16).padStart(32, '0');
}

const point = (value: number): MetricPoint => ({ step: 0, timestamp: 0, value });

const lineage = Array.from({ length: 7 }, (_, i) => lineageRun(`run-${i}`, {
  startedAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
  state: i === 3 ? 'FAILED' : 'COMPLETED',
  job: { namespace: 'groot', name: i % 2 === 0 ? 'groot.dedup' : 'groot.filter' },
}));
// Experiment runs with a metric and a param to sort by; one without either, one with NaN.
const experiments = [
  experimentRun(hex(99), { startTime: Date.UTC(2026, 10, 19), experimentName: 'other', runName: 'notebook' }),
  ...[0.3, 0.1, NaN, 0.2].map((rate, i) => experimentRun(hex(i + 1), {
    startTime: Date.UTC(2026, 10, 18, i), experimentName: 'sweep', runName: `trial-${i}`,
    metrics: { dedup_rate: point(rate) }, params: { threshold: `0.9${i}` },
  })),
];
const query = (q: Record<string, string>) => runListQuerySchema.parse(q);

let index: RunIndex;
beforeAll(async () => {
  index = await indexOf([{ version: 1, runs: new Map(lineage.map((r) => [r.runId, r])), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } }],
    [{ version: 1, runs: new Map(experiments.map((r) => [r.runId, r])), experiments: new Map(), models: [] }]);
});

async function page(q: Record<string, string>): Promise<RunPage> {
  const result = await pageRuns(index.store, query(q));
  if ('error' in result) throw new Error(result.error);
  return result;
}

async function walk(q: Record<string, string>): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const p = await page({ ...q, limit: '3', ...(cursor ? { cursor } : {}) });
    seen.push(...p.runs.map((r) => r.id));
    if (!p.nextCursor) break;
    cursor = p.nextCursor;
  }
  return seen;
}

describe('pageRuns over the run index', () => {
  it('walks every run exactly once with keyset cursors, newest first, and counts them', async () => {
    const seen = await walk({});
    expect(seen).toEqual([...lineage.map((r) => r.runId).reverse(), hex(99), hex(4), hex(3), hex(2), hex(1)]);
    expect((await page({ limit: '3' })).total).toBe(12);
  });

  it('filters by status, job, experiment and free text over names and ids', async () => {
    expect((await page({ status: 'FAILED' })).runs.map((r) => r.id)).toEqual(['run-3']);
    expect((await page({ job: 'groot.dedup' })).runs.length).toBe(4);
    expect((await page({ experiment: 'other' })).runs.map((r) => r.id)).toEqual([hex(99)]);
    // Three or more characters use the trigram index, shorter ones a scan: both are case-insensitive substrings.
    expect((await page({ q: 'NOTEBOOK' })).runs.map((r) => r.id)).toEqual([hex(99)]);
    expect((await page({ q: 'ebo' })).runs.map((r) => r.id)).toEqual([hex(99)]);
    expect((await page({ q: 'n-' })).runs.map((r) => r.id).sort()).toEqual(lineage.map((r) => r.runId).sort());
    expect((await page({ q: 'groot.dedup', status: 'COMPLETED' })).total).toBe(4);
    // Control characters pasted along (a NUL, a newline) are read as spaces, never as a failing query.
    expect((await page({ q: '\u0000NOTEBOOK\n' })).runs.map((r) => r.id)).toEqual([hex(99)]);
  });

  it('sorts by a metric either way, runs without it last, and pages through ties by a stable order', async () => {
    expect(await walk({ sort: '-metrics.dedup_rate' })).toEqual([hex(1), hex(4), hex(2), ...(await walk({})).filter((id) => ![hex(1), hex(4), hex(2)].includes(id))]);
    const ascending = await walk({ sort: 'metrics.dedup_rate' });
    expect(ascending.slice(0, 3)).toEqual([hex(2), hex(4), hex(1)]);
    // NaN is stored as no value: it sorts with the runs that did not log the metric.
    expect(ascending.indexOf(hex(3))).toBeGreaterThan(2);
  });

  it('sorts by a param as text', async () => {
    expect((await walk({ sort: 'params.threshold' })).slice(0, 4)).toEqual([hex(1), hex(2), hex(3), hex(4)]);
  });

  it('rejects a cursor it did not issue, a cursor of another sort, bad sorts, columns and limits', async () => {
    expect(await pageRuns(index.store, query({ cursor: 'bogus' }))).toEqual({ error: 'cursor is not one this API returned' });
    const other = encodeCursor('-start', { value: 1, sortMs: 1, id: 'x' });
    expect(decodeCursor(other, 'metrics.dedup_rate')).toBeNull();
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'), '-start')).toBeNull();
    expect(runListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(runListQuerySchema.safeParse({ status: 'DONE' }).success).toBe(false);
    expect(runListQuerySchema.safeParse({ sort: 'tags.x' }).success).toBe(false);
    expect(runListQuerySchema.safeParse({ columns: 'metrics.a,tags.b' }).success).toBe(false);
    expect(runListQuerySchema.parse({ columns: 'metrics.a, params.b' }).columns).toEqual(['metrics.a', 'params.b']);
  });
});
