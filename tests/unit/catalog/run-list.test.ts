import { describe, expect, it } from 'vitest';
import { joinRuns } from '@/lib/join';
import { decodeCursor, pageRuns, runListQuerySchema } from '@/lib/catalog/run-list';
import { runSortTime } from '@/lib/model/run-fields';
import { experimentRun, lineageRun } from '../join/factories';

function hex(i: number) {
  return i.toString(16).padStart(32, '0');
}

const lineage = Array.from({ length: 7 }, (_, i) => lineageRun(`run-${i}`, {
  startedAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
  state: i === 3 ? 'FAILED' : 'COMPLETED',
  job: { namespace: 'groot', name: i % 2 === 0 ? 'groot.dedup' : 'groot.filter' },
}));
const experiments = [experimentRun(hex(99), { startTime: Date.UTC(2026, 10, 19), experimentName: 'other', runName: 'notebook' })];
const all = joinRuns(lineage, experiments).sort((a, b) => runSortTime(b) - runSortTime(a));
const query = (q: Record<string, string>) => runListQuerySchema.parse(q);

describe('pageRuns', () => {
  it('walks every run exactly once with keyset cursors, newest first', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = pageRuns(all, query({ limit: '3', ...(cursor ? { cursor } : {}) }));
      if ('error' in page) throw new Error(page.error);
      seen.push(...page.runs.map((r) => r.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(seen[0]).toBe('run-6');
    expect(seen.at(-1)).toBe(hex(99));
  });

  it('filters by status, job, experiment and free text over names and ids', () => {
    const failed = pageRuns(all, query({ status: 'FAILED' }));
    expect('runs' in failed && failed.runs.map((r) => r.id)).toEqual(['run-3']);
    const dedup = pageRuns(all, query({ job: 'groot.dedup' }));
    expect('runs' in dedup && dedup.runs.length).toBe(4);
    const other = pageRuns(all, query({ experiment: 'other' }));
    expect('runs' in other && other.runs.map((r) => r.id)).toEqual([hex(99)]);
    const text = pageRuns(all, query({ q: 'NOTEBOOK' }));
    expect('runs' in text && text.runs.map((r) => r.id)).toEqual([hex(99)]);
  });

  it('rejects a cursor it did not issue, and bad limits', () => {
    expect(pageRuns(all, query({ cursor: 'bogus' }))).toEqual({ error: 'cursor is not one this API returned' });
    expect(decodeCursor(Buffer.from('[1,2]').toString('base64url'))).toBeNull();
    expect(runListQuerySchema.safeParse({ limit: '0' }).success).toBe(false);
    expect(runListQuerySchema.safeParse({ status: 'DONE' }).success).toBe(false);
  });
});
