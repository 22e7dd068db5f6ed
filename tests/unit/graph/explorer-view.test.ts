import { describe, expect, it } from 'vitest';
import { buildCatalog } from '@/lib/graph/explorer-catalog';
import { nodeDetail } from '@/lib/graph/explorer-detail';
import { buildNodeParam, fieldNodeId, type NodeRef } from '@/lib/graph/explorer-node-param';
import { VIEW_DEFAULTS, type ExplorerView } from '@/lib/graph/explorer-url';
import { explorerGraph } from '@/lib/graph/explorer-view';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { sharedPath } from '../sources/openlineage-files/shared-data';

const SEED = sharedPath('openlineage', 'marquez-seed', 'food-delivery-events.json');
const ns = 'food_delivery';
const job = (name: string): NodeRef => ({ kind: 'job', namespace: ns, name });
const table = (name: string): NodeRef => ({ kind: 'dataset', namespace: ns, name });

describe('explorer view over the Marquez seed (13 jobs, column lineage)', async () => {
  const snapshot = await createOpenLineageFileSource([SEED]).snapshot();
  const catalog = buildCatalog([snapshot]);
  const view = (node: NodeRef, v: Partial<ExplorerView> = {}) => explorerGraph(catalog, { ...VIEW_DEFAULTS, ...v, node }, []);

  it('re-keys every job and dataset by explorer id', () => {
    expect([...catalog.nodes.values()].filter((n) => n.ref.kind === 'job')).toHaveLength(13);
    expect(catalog.nodes.get(buildNodeParam(job('etl_orders_7_days')))?.latestRunState).toBe('COMPLETED');
  });

  it('describes nodes: run state for jobs, version and field count for datasets', () => {
    const g = view(job('etl_orders_7_days'), { depth: 1 });
    expect(g?.focus).toBe(buildNodeParam(job('etl_orders_7_days')));
    const out = g?.nodes.find((n) => n.id === buildNodeParam(table('public.orders_7_days')));
    expect(out).toMatchObject({ kind: 'dataset', hop: 1, dataset: { fieldCount: expect.any(Number), hasColumnLineage: true } });
    expect(g?.nodes.find((n) => n.kind === 'job')?.job).toEqual({ latestRunState: 'COMPLETED', type: null });
    expect(g?.edges.every((e) => e.kind === 'flow')).toBe(true);
    expect(g?.columnLineageDatasets).toBeGreaterThan(0);
  });

  it('direction changes what is shown; full adds siblings', () => {
    const count = (v: Partial<ExplorerView>) => view(job('etl_orders_7_days'), { depth: 4, ...v })?.nodes.length ?? 0;
    const [up, down, both, full] = [count({ dir: 'up' }), count({ dir: 'down' }), count({}), count({ full: true })];
    expect(both).toBe(up + down - 1);
    expect(full).toBeGreaterThan(both);
  });

  it('columns=1 adds field nodes linked input → output', () => {
    const g = view(table('public.orders_7_days'), { depth: 2, dir: 'up', columns: true });
    const out = fieldNodeId({ namespace: ns, name: 'public.orders_7_days' }, 'order_id');
    const from = fieldNodeId({ namespace: ns, name: 'public.orders' }, 'id');
    expect(g?.nodes.find((n) => n.id === out)).toMatchObject({ kind: 'field', field: { name: 'order_id' } });
    expect(g?.edges).toContainEqual({ from, to: out, kind: 'column' });
    expect(g?.columns?.fields).toBeGreaterThan(0);
    expect(view(table('public.orders_7_days'))?.columns).toBeNull();
  });

  it('states the cap', () => {
    const g = view(job('etl_orders_7_days'), { depth: 10, full: true, limit: 5 });
    expect(g?.nodes).toHaveLength(5);
    expect(g?.shown).toBe(5);
    expect(g?.cut).toMatch(/^Showing 5 of \d+ nodes within depth 10/);
  });

  it('answers null for a node no source knows', () => {
    expect(view(job('nope'))).toBeNull();
  });

  it('marks datasets of a source that lists versions on demand (Marquez) when the snapshot holds none', () => {
    const unversioned = { ...snapshot, datasets: new Map([...snapshot.datasets].map(([k, d]) => [k, { ...d, versions: [] }])) };
    const lazy = buildCatalog([{ ...unversioned, versionsOnDemand: true }]);
    const node = (c: typeof catalog, ref: NodeRef) => c.nodes.get(buildNodeParam(ref));
    expect(node(lazy, table('public.orders_7_days'))?.versionsOnDemand).toBe(true);
    expect(node(lazy, job('etl_orders_7_days'))?.versionsOnDemand).toBe(false);
    expect(node(buildCatalog([unversioned]), table('public.orders_7_days'))?.versionsOnDemand).toBe(false);
    const g = explorerGraph(lazy, { ...VIEW_DEFAULTS, node: table('public.orders_7_days') }, []);
    expect(g?.nodes[0]?.dataset).toMatchObject({ currentVersion: null, versionsOnDemand: true });
  });

  it('merges sources: the same job in two snapshots is one node', () => {
    const twice = buildCatalog([snapshot, snapshot]);
    expect(twice.nodes.size).toBe(catalog.nodes.size);
    expect(twice.adjacency.get(buildNodeParam(job('etl_orders_7_days')))).toEqual(catalog.adjacency.get(buildNodeParam(job('etl_orders_7_days'))));
  });

  it('builds the side panel detail: a job with its runs, a dataset with schema and versions', () => {
    const id = buildNodeParam(job('etl_orders_7_days'));
    const node = catalog.nodes.get(id);
    if (!node) throw new Error('missing job');
    const detail = nodeDetail(id, node, { lineageRun: (r) => snapshot.runs.get(r), unifiedRun: () => null, dataset: null });
    expect(detail.href).toBe('/jobs/food_delivery/etl_orders_7_days');
    expect(detail.job?.runs[0]).toMatchObject({ state: 'COMPLETED', experiment: null, href: expect.stringMatching(/^\/runs\//) });

    const dsId = buildNodeParam(table('public.orders_7_days'));
    const ds = catalog.nodes.get(dsId);
    if (!ds) throw new Error('missing dataset');
    const dsDetail = nodeDetail(dsId, ds, { lineageRun: () => undefined, unifiedRun: () => null, dataset: null });
    expect(dsDetail.dataset?.fields.map((f) => f.name)).toContain('order_id');
    expect(dsDetail.dataset?.versions[0]?.createdByHref).toMatch(/^\/runs\//);
    // Versions from the events are what the writers reported; a lazily listed dataset's are labelled unchecked.
    expect(dsDetail.dataset?.versionsNote).toBeNull();
    const lazy = nodeDetail(dsId, ds, { lineageRun: () => undefined, unifiedRun: () => null, dataset: ds.dataset });
    expect(lazy.dataset?.versionsNote).toMatch(/not checked against the writers’ own events/);
  });
});
