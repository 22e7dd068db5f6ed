import { describe, expect, it } from 'vitest';
import { createLimiter } from '@/lib/sources/marquez/limit';
import { fetchAllPages, type Page } from '@/lib/sources/marquez/paging';

function pager(total: number, withCount: boolean) {
  const calls: Array<[number, number]> = [];
  const fetch = async (limit: number, offset: number): Promise<Page<number>> => {
    calls.push([limit, offset]);
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => offset + i);
    return { items, totalCount: withCount ? total : null };
  };
  return { calls, fetch };
}

describe('fetchAllPages', () => {
  it('follows pages until totalCount', async () => {
    const p = pager(250, true);
    const out = await fetchAllPages(p.fetch, { pageSize: 100, max: 1000 });
    expect(out).toMatchObject({ capped: false, totalCount: 250 });
    expect(out.items).toHaveLength(250);
    expect(p.calls).toEqual([[100, 0], [100, 100], [100, 200]]);
  });

  it('without totalCount, stops at a short page, or at an empty one after a full page', async () => {
    const short = pager(150, false);
    expect((await fetchAllPages(short.fetch, { pageSize: 100, max: 1000 })).items).toHaveLength(150);
    expect(short.calls).toHaveLength(2);
    const exact = pager(200, false);
    expect((await fetchAllPages(exact.fetch, { pageSize: 100, max: 1000 })).capped).toBe(false);
    expect(exact.calls).toEqual([[100, 0], [100, 100], [100, 200]]);
  });

  it('stops at an empty page even when totalCount promised more', async () => {
    const calls: number[] = [];
    const out = await fetchAllPages(async (_limit, offset) => {
      calls.push(offset);
      return { items: offset === 0 ? [1, 2] : [], totalCount: 5 };
    }, { pageSize: 2, max: 100 });
    expect(out.items).toEqual([1, 2]);
    expect(calls).toEqual([0, 2]);
  });

  it('caps at max and says so', async () => {
    const counted = await fetchAllPages(pager(500, true).fetch, { pageSize: 100, max: 120 });
    expect(counted).toMatchObject({ capped: true, totalCount: 500 });
    expect(counted.items).toHaveLength(120);
    expect((await fetchAllPages(pager(120, true).fetch, { pageSize: 100, max: 120 })).capped).toBe(false);
    expect((await fetchAllPages(pager(500, false).fetch, { pageSize: 100, max: 100 })).capped).toBe(true);
  });
});

describe('createLimiter', () => {
  it('never runs more than its concurrency at once, and runs everything', async () => {
    const limit = createLimiter(3);
    let active = 0;
    let peak = 0;
    const done = await Promise.all(Array.from({ length: 20 }, (_, i) => limit(async () => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4)));
      active--;
      return i;
    })));
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it('frees the slot of a task that fails', async () => {
    const limit = createLimiter(1);
    await expect(limit(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    await expect(limit(async () => 'ok')).resolves.toBe('ok');
  });
});
