import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refKey } from '@/lib/model';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { LineageSnapshot } from '@/lib/sources/ports';
import type { MarquezStub } from '@/tests/stubs/marquez';
import { EVENT_FILES, requestsTo, startStub } from './stub-setup';
import { readWholeMarquez } from './whole-listing';

let stub: MarquezStub;
let marquez: LineageSnapshot;
let files: LineageSnapshot;

beforeAll(async () => {
  stub = await startStub();
  marquez = await readWholeMarquez(stub.url);
  files = await createOpenLineageFileSource(EVENT_FILES).snapshot();
});

afterAll(() => stub.close());

const sortRefs = (refs: Array<{ namespace: string; name: string }>): string[] => refs.map(refKey).sort();

// The mappers read whole: what a run, job or dataset from Marquez's API becomes agrees with the events.
describe('Marquez read whole (its mappers) against the real events', () => {
  it('has every run the file source has, with the same job, state and parent', () => {
    expect(files.runs.size).toBeGreaterThan(20);
    for (const [runId, run] of files.runs) {
      const m = marquez.runs.get(runId);
      expect(m, runId).toBeDefined();
      expect({ job: m?.job, state: m?.state, parent: m?.parent?.runId ?? null, source: m?.source })
        .toEqual({ job: run.job, state: run.state, parent: run.parent?.runId ?? null, source: 'marquez' });
    }
  });

  it('adds only the runs Marquez makes up for parents it never saw events of', () => {
    const extra = [...marquez.runs.keys()].filter((id) => !files.runs.has(id));
    const parentsWithoutEvents = new Set([...files.runs.values()].flatMap((r) => (r.parent !== null && !files.runs.has(r.parent.runId) ? [r.parent.runId] : [])));
    expect(extra.length).toBeGreaterThan(0);
    expect(new Set(extra)).toEqual(parentsWithoutEvents);
  });

  it('has the same jobs with the same types, descriptions and runs', () => {
    expect([...marquez.jobs.keys()].sort()).toEqual([...files.jobs.keys()].sort());
    for (const [key, job] of files.jobs) {
      const m = marquez.jobs.get(key);
      expect({ type: m?.type, description: m?.description }, job.name).toEqual({ type: job.type, description: job.description });
      // Marquez also lists the placeholder run of a parent it never saw (then that one is the newest).
      const known = m?.runIds.filter((id) => files.runs.has(id));
      expect(known).toEqual(job.runIds);
      if (known?.length === m?.runIds.length) expect(m?.latestRunState).toBe(job.latestRunState);
    }
    expect(marquez.jobs.get(refKey({ namespace: 'groot-data-etl', name: 'groot-data-etl' }))?.type).toBe('DAG');
    expect(marquez.jobs.get(refKey({ namespace: 'groot-data-etl', name: 'groot-data-etl.filtering' }))?.type).toBe('TASK');
  });

  it("takes each job's datasets from its current version, and draws the graph from them", () => {
    const filtering = marquez.jobs.get(refKey({ namespace: 'groot-data-etl', name: 'groot-data-etl.filtering' }));
    expect(filtering?.inputs).toEqual([{ namespace: 's3://bucket', name: 'groot/staging/deduplicated' }]);
    expect(filtering?.outputs).toEqual([{ namespace: 's3://bucket', name: 'groot/staging/filtered' }]);
    const seed = files.jobs.get(refKey({ namespace: 'food_delivery', name: 'etl_delivery_7_days' }));
    const seedInMarquez = marquez.jobs.get(refKey({ namespace: 'food_delivery', name: 'etl_delivery_7_days' }));
    expect(sortRefs(seedInMarquez?.inputs ?? [])).toEqual(sortRefs(seed?.inputs ?? []));
    const ids = new Set(marquez.graph.nodes.map((n) => n.id));
    for (const e of marquez.graph.edges) expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
    const fileEdges = new Set(files.graph.edges.map((e) => `${e.from}>${e.to}`));
    const shared = marquez.graph.edges.filter((e) => fileEdges.has(`${e.from}>${e.to}`));
    expect(shared.length).toBeGreaterThan(files.graph.edges.length * 0.8);
  });

  it('lists every dataset the file source has; versions come lazily', () => {
    for (const key of files.datasets.keys()) expect(marquez.datasets.has(key), key).toBe(true);
    for (const d of marquez.datasets.values()) expect(d.versions).toEqual([]);
    expect(marquez.datasets.get(refKey({ namespace: 's3://bucket', name: 'groot/staging/loaded' }))?.facets).toHaveProperty('schema');
  });

  it('never shows a Marquez version UUID as a run\'s dataset version', () => {
    for (const run of marquez.runs.values()) {
      for (const d of [...run.inputs, ...run.outputs]) expect(d.version ?? '').not.toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
  });
});

describe('paging', () => {
  it('follows every page of jobs, datasets and runs', async () => {
    const s = await startStub();
    try {
      const snap = await readWholeMarquez(s.url, { pageSize: 5 });
      expect(snap.jobs.size).toBe(files.jobs.size);
      expect(snap.datasets.size).toBe(marquez.datasets.size);
      const jobPages = requestsTo(s, '/api/v1/jobs').map((r) => new URLSearchParams(r.query).get('offset'));
      expect(jobPages).toEqual(['0', '5', '10', '15', '20']);
      const foodPages = requestsTo(s, '/api/v1/namespaces/food_delivery/datasets').map((r) => new URLSearchParams(r.query).get('offset'));
      expect(foodPages.length).toBeGreaterThan(2);
      expect(requestsTo(s, '/api/v1/namespaces').map((r) => new URLSearchParams(r.query).get('offset'))).toEqual(['0', '5']);
    } finally {
      await s.close();
    }
  });

  it('has at most 6 requests in flight at once', async () => {
    const s = await startStub({ latencyMs: 15 });
    let active = 0;
    let peak = 0;
    const proxy = createServer((req, res) => {
      active++;
      peak = Math.max(peak, active);
      void fetch(`${s.url}${req.url ?? '/'}`).then(async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(await answer.text());
      }).finally(() => {
        active--;
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    try {
      const snap = await readWholeMarquez(`http://127.0.0.1:${(proxy.address() as AddressInfo).port}`);
      expect(snap.jobs.size).toBe(files.jobs.size);
      expect(peak).toBe(6);
    } finally {
      proxy.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await s.close();
    }
  });
});
