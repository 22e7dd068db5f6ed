import { describe, expect, it } from 'vitest';
import { lineageHref } from '@/lib/api/links';
import { parseExplorerQuery } from '@/lib/graph/explorer-query';
import { explorerSearch, VIEW_DEFAULTS, type ExplorerView } from '@/lib/graph/explorer-url';

const pg = { kind: 'dataset' as const, namespace: 'postgres://host:5432', name: 'public.orders' };
const job = { kind: 'job' as const, namespace: 'food_delivery', name: 'etl_orders' };

function parse(search: string) {
  return parseExplorerQuery(Object.fromEntries(new URLSearchParams(search)));
}

describe('explorer URL', () => {
  it('parses an empty query into the defaults (no node: the start screen)', () => {
    expect(parse('')).toEqual({ ok: true, view: { ...VIEW_DEFAULTS, node: null } });
  });

  it('round-trips every view through its URL', () => {
    const views: ExplorerView[] = [
      { ...VIEW_DEFAULTS, node: pg },
      { node: job, depth: 7, dir: 'up', full: true, columns: true, expand: [pg, { ...job, name: 'a,b' }], selected: pg, limit: 40 },
      { ...VIEW_DEFAULTS, node: job, dir: 'down', depth: 20 },
    ];
    for (const view of views) expect(parse(explorerSearch(view))).toEqual({ ok: true, view });
  });

  it('leaves defaults out of built URLs', () => {
    expect(lineageHref(job)).toBe('/lineage?node=job%3Afood_delivery%3Aetl_orders');
    expect(lineageHref(null)).toBe('/lineage');
    expect(lineageHref(pg, { depth: 3, dir: 'up' })).toBe(`/lineage?${new URLSearchParams({ node: 'dataset:postgres%3A%2F%2Fhost%3A5432:public.orders', depth: '3', dir: 'up' })}`);
  });

  it.each([
    ['depth=0', 'depth must be a whole number from 1 to 20'],
    ['depth=21', 'depth must be a whole number from 1 to 20'],
    ['depth=two', 'depth must be a whole number from 1 to 20'],
    ['depth=1.5', 'depth must be a whole number from 1 to 20'],
    ['dir=sideways', 'dir must be both, up or down'],
    ['full=yes', 'full must be 0 or 1'],
    ['limit=999999', 'limit must be a whole number from 1 to 5000'],
    ['node=run:x:y', 'node: "run:x:y" must start with'],
    ['expand=job:a:b,oops', 'expand.1: "oops" must start with'],
  ])('rejects %s with a clear message', (search, message) => {
    const parsed = parse(search);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });

  it('takes the first of a repeated key and treats empty values as absent', () => {
    expect(parseExplorerQuery({ depth: ['3', '9'], dir: '' })).toMatchObject({ ok: true, view: { depth: 3, dir: 'both' } });
  });
});
