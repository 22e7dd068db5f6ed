import { describe, expect, it } from 'vitest';
import { isSourceError } from '@/lib/http/source-error';
import { chunks, collectPages, mapLimit } from '@/lib/sources/mlflow/paging';

describe('collectPages', () => {
  it('follows next_page_token until it is absent or empty', async () => {
    const pages: Record<string, { items: number[]; next?: string | null }> = { '': { items: [1, 2], next: 'a' }, a: { items: [3], next: 'b' }, b: { items: [], next: '' } };
    const asked: Array<string | undefined> = [];
    const result = await collectPages(async (token) => {
      asked.push(token);
      const page = pages[token ?? ''];
      return { items: page?.items ?? [], next: page?.next };
    }, { max: 100, what: 'test' });
    expect(result).toEqual({ items: [1, 2, 3], capped: false });
    expect(asked).toEqual([undefined, 'a', 'b']);
  });

  it('stops at max and says it was capped', async () => {
    let n = 0;
    const result = await collectPages(async () => ({ items: [n++, n++], next: `t${n}` }), { max: 3, what: 'test' });
    expect(result).toEqual({ items: [0, 1, 2], capped: true });
  });

  it('cuts a last page longer than max (a server that ignores max_results) and says it was capped', async () => {
    const result = await collectPages(async () => ({ items: [0, 1, 2, 3, 4], next: undefined }), { max: 3, what: 'test' });
    expect(result).toEqual({ items: [0, 1, 2], capped: true });
  });

  it('refuses a token that comes back twice instead of looping', async () => {
    const error = await collectPages(async () => ({ items: [1], next: 'same' }), { max: 100, what: 'runs/search' }).catch((e: unknown) => e);
    expect(isSourceError(error) && error.kind === 'parse' && error.message).toBe('MLflow: runs/search returned the same page_token twice; stopped paging');
  });
});

describe('chunks and mapLimit', () => {
  it('splits lists', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
  });

  it('keeps order with at most `concurrency` calls in flight', async () => {
    let active = 0;
    let peak = 0;
    const out = await mapLimit([5, 1, 4, 2, 3], 2, async (n) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, n));
      active--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });
});
