import { describe, expect, it } from 'vitest';
import { refKey } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';

interface Io {
  name: string;
  version?: string;
  facets?: Record<string, unknown>;
  inputFacets?: Record<string, unknown>;
  outputFacets?: Record<string, unknown>;
}

const at = (minute: number): string => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

function dataset(io: Io) {
  const facets = { ...io.facets, ...(io.version === undefined ? {} : { version: { datasetVersion: io.version } }) };
  return { namespace: 'ns', name: io.name, facets, inputFacets: io.inputFacets, outputFacets: io.outputFacets };
}

function runEvent(runId: string, eventType: string | undefined, minute: number, opts: { job?: string; inputs?: Io[]; outputs?: Io[]; facets?: Record<string, unknown>; jobFacets?: Record<string, unknown> } = {}) {
  return {
    eventTime: at(minute), eventType, run: { runId, facets: opts.facets }, job: { namespace: 'ns', name: opts.job ?? `job-${runId}`, facets: opts.jobFacets },
    inputs: (opts.inputs ?? []).map(dataset), outputs: (opts.outputs ?? []).map(dataset), producer: 'test', schemaURL: 'test',
  };
}

function model(...values: unknown[]) {
  const events = values.map((v): LoadedEvent => {
    const e = toLoadedEvent(v);
    if (typeof e === 'string') throw new Error(e);
    return e;
  });
  return buildModel(events, 'openlineage-files');
}

describe('runs', () => {
  it('takes the state from the newest event, whatever the order events arrive in', () => {
    const events = [runEvent('r', 'START', 1), runEvent('r', 'RUNNING', 2), runEvent('r', 'COMPLETE', 3), runEvent('r', 'OTHER', 4)];
    const inOrder = model(...events);
    const shuffled = model(events[2], events[3], events[0], events[1]);
    expect(shuffled.runs).toEqual(inOrder.runs);
    expect(inOrder.runs.get('r')).toMatchObject({ state: 'COMPLETED', startedAt: at(1), endedAt: at(3), updatedAt: at(4) });
  });

  it('maps FAIL and ABORT, reads the error message, and leaves only-OTHER runs NEW', () => {
    const m = model(
      runEvent('f', 'START', 1), runEvent('f', 'FAIL', 2, { facets: { errorMessage: { message: 'boom', programmingLanguage: 'python' } } }),
      runEvent('a', 'ABORT', 3), runEvent('o', 'OTHER', 4), runEvent('o', undefined, 5),
    );
    expect(m.runs.get('f')).toMatchObject({ state: 'FAILED', errorMessage: 'boom', endedAt: at(2) });
    expect(m.runs.get('a')).toMatchObject({ state: 'ABORTED', startedAt: at(3), endedAt: at(3) });
    expect(m.runs.get('o')).toMatchObject({ state: 'NEW', startedAt: at(4), endedAt: null, updatedAt: at(5) });
  });

  it('starts at the earliest START even after an earlier OTHER; a COMPLETE at the same instant ends it', () => {
    const m = model(runEvent('r', 'COMPLETE', 2), runEvent('r', 'START', 2), runEvent('r', 'OTHER', 1));
    expect(m.runs.get('r')).toMatchObject({ state: 'COMPLETED', startedAt: at(2), endedAt: at(2), updatedAt: at(2) });
  });

  it('merges run facets and dataset facets by name, the newer event winning', () => {
    const m = model(
      runEvent('r', 'START', 1, { facets: { a: { v: 1 }, b: { v: 1 } }, inputs: [{ name: 'in', facets: { schema: { fields: [] } }, inputFacets: { inputStatistics: { rowCount: 5 } } }] }),
      runEvent('r', 'COMPLETE', 2, { facets: { a: { v: 2 } }, inputs: [{ name: 'in', version: 'v7', inputFacets: { inputStatistics: { rowCount: 6, size: 60 } } }] }),
    );
    const run = m.runs.get('r');
    expect(run?.facets).toEqual({ a: { v: 2 }, b: { v: 1 } });
    expect(run?.inputs).toHaveLength(1);
    expect(run?.inputs[0]).toMatchObject({ version: 'v7', rowCount: 6, size: 60 });
    expect(Object.keys(run?.inputs[0]?.facets ?? {}).sort()).toEqual(['schema', 'version']);
  });

  it('reads row counts from the legacy outputStatistics and stats dataset facets', () => {
    const m = model(runEvent('r', 'COMPLETE', 1, { outputs: [
      { name: 'a', facets: { outputStatistics: { rowCount: 3, size: 30 } } },
      { name: 'b', facets: { stats: { rowCount: 4 } } },
      { name: 'c', outputFacets: { outputStatistics: { rowCount: 'many' } } },
    ] }));
    expect(m.runs.get('r')?.outputs.map((o) => [o.rowCount, o.size])).toEqual([[3, 30], [4, null], [null, null]]);
  });

  it('reads the parent run facet', () => {
    const parent = { run: { runId: 'p' }, job: { namespace: 'ns', name: 'pipeline' } };
    expect(model(runEvent('r', 'START', 1, { facets: { parent } })).runs.get('r')?.parent).toEqual({ runId: 'p', job: { namespace: 'ns', name: 'pipeline' } });
    expect(model(runEvent('r', 'START', 1, { facets: { parent: { run: {} } } })).runs.get('r')?.parent).toBeNull();
  });
});

describe('dataset versions and what each input read', () => {
  // w1 writes d@v1, w2 writes d@v2, w3 rewrites d@v1 later; readers start in between.
  const m = model(
    runEvent('w1', 'START', 1, { outputs: [{ name: 'd', version: 'v1' }] }), runEvent('w1', 'COMPLETE', 2, { outputs: [{ name: 'd', version: 'v1', outputFacets: { outputStatistics: { rowCount: 10 } } }] }),
    runEvent('w2', 'COMPLETE', 4, { outputs: [{ name: 'd', version: 'v2' }] }),
    runEvent('r1', 'START', 5, { inputs: [{ name: 'd', version: 'v1' }] }),
    runEvent('r2', 'START', 6, { inputs: [{ name: 'd' }] }),
    runEvent('r3', 'START', 7, { inputs: [{ name: 'd', version: 'v9' }] }),
    runEvent('w3', 'COMPLETE', 8, { outputs: [{ name: 'd', version: 'v1' }] }),
    runEvent('r4', 'START', 9, { inputs: [{ name: 'd', version: 'v1' }] }),
    runEvent('early', 'START', 0, { inputs: [{ name: 'd', version: 'v2' }, { name: 'only-read' }] }),
  );
  const producer = (runId: string) => m.runs.get(runId)?.inputs[0]?.producedByRunId;

  it('matches by version string: the newest write of that version at or before the reader started', () => {
    expect(producer('r1')).toBe('w1');
    expect(producer('r4')).toBe('w3');
    // A version no tracked run wrote has no producer.
    expect(producer('r3')).toBeNull();
    // A reader whose clock is behind the writer's still finds the write of its exact version.
    expect(producer('early')).toBe('w2');
  });

  it('without a version, takes the newest write at or before the reader started', () => {
    expect(producer('r2')).toBe('w2');
  });

  it('keeps one version per write, newest first, with who read it', () => {
    const d = m.datasets.get(refKey({ namespace: 'ns', name: 'd' }));
    expect(d?.versions.map((v) => [v.id, v.version, v.createdByRunId, v.createdAt, v.consumedByRunIds])).toEqual([
      ['w3/ns/d', 'v1', 'w3', at(8), ['r4']],
      ['w2/ns/d', 'v2', 'w2', at(4), ['early', 'r2']],
      ['w1/ns/d', 'v1', 'w1', at(2), ['r1']],
    ]);
    // createdAt comes from the terminal event, and so do its statistics.
    expect(d?.versions[2]?.rowCount).toBe(10);
    expect(d?.updatedAt).toBe(at(9));
  });

  it('keeps a dataset that is only read, without versions', () => {
    expect(m.datasets.get(refKey({ namespace: 'ns', name: 'only-read' }))).toMatchObject({ versions: [], updatedAt: at(0) });
  });

  it('dates a write reported only by a non-terminal event by that event', () => {
    const running = model(runEvent('w', 'START', 1), runEvent('w', 'RUNNING', 2, { outputs: [{ name: 'x' }] }));
    expect(running.datasets.get(refKey({ namespace: 'ns', name: 'x' }))?.versions[0]?.createdAt).toBe(at(2));
  });
});

describe('DatasetEvents and JobEvents', () => {
  const datasetEvent = (minute: number, facets: Record<string, unknown>) => ({ eventTime: at(minute), dataset: { namespace: 'ns', name: 'd', facets }, producer: 'test', schemaURL: 'test' });

  it('a newer DatasetEvent updates the newest version\'s facets; an older one does not', () => {
    const write = runEvent('w', 'COMPLETE', 2, { outputs: [{ name: 'd', facets: { schema: { v: 'write' }, documentation: { description: 'd' } } }] });
    const newer = model(write, datasetEvent(3, { schema: { v: 'event' } }));
    expect(newer.datasets.get(refKey({ namespace: 'ns', name: 'd' }))?.facets).toEqual({ schema: { v: 'event' }, documentation: { description: 'd' } });
    const older = model(write, datasetEvent(1, { schema: { v: 'event' } }));
    expect(older.datasets.get(refKey({ namespace: 'ns', name: 'd' }))?.facets).toMatchObject({ schema: { v: 'write' } });
  });

  it('a JobEvent newer than the job\'s latest run sets the job\'s datasets and facets', () => {
    const m = model(
      runEvent('r', 'COMPLETE', 1, { job: 'j', inputs: [{ name: 'a' }], jobFacets: { jobType: { jobType: 'TASK' }, documentation: { description: 'old' } } }),
      { eventTime: at(2), job: { namespace: 'ns', name: 'j', facets: { documentation: { description: 'new' } } }, inputs: [{ namespace: 'ns', name: 'b' }], outputs: [], producer: 't', schemaURL: 't' },
    );
    expect(m.jobs.get(refKey({ namespace: 'ns', name: 'j' }))).toMatchObject({
      type: 'TASK', description: 'new', inputs: [{ namespace: 'ns', name: 'b' }], outputs: [], runIds: ['r'], latestRunState: 'COMPLETED', updatedAt: at(2),
    });
    expect(m.graph.edges).toHaveLength(2);
  });
});

describe('jobs and graph', () => {
  it('lists a job\'s runs newest first, with the latest run\'s state and datasets', () => {
    const m = model(
      runEvent('old', 'START', 1, { job: 'j', inputs: [{ name: 'a' }] }), runEvent('old', 'COMPLETE', 2, { job: 'j' }),
      runEvent('new', 'START', 3, { job: 'j', inputs: [{ name: 'b' }], outputs: [{ name: 'c' }] }),
    );
    expect(m.jobs.get(refKey({ namespace: 'ns', name: 'j' }))).toMatchObject({
      runIds: ['new', 'old'], latestRunState: 'RUNNING', inputs: [{ namespace: 'ns', name: 'b' }], outputs: [{ namespace: 'ns', name: 'c' }],
    });
    // Edges of every run, not only the latest.
    expect(m.graph.edges).toHaveLength(3);
  });

  it('never gives two different refs the same node id, even with ":" in namespaces and names', () => {
    const job = (namespace: string, name: string) => ({ eventTime: at(1), eventType: 'START', run: { runId: `${namespace}|${name}` }, job: { namespace, name } });
    const m = model(job('a:b', 'c'), job('a', 'b:c'));
    expect(m.graph.nodes).toHaveLength(2);
    expect(new Set(m.graph.nodes.map((n) => n.id)).size).toBe(2);
    expect(m.graph.nodes.map((n) => [n.namespace, n.name]).sort()).toEqual([['a', 'b:c'], ['a:b', 'c']]);
  });

  it('de-duplicates edges across runs and events', () => {
    const m = model(
      runEvent('r1', 'START', 1, { job: 'j', inputs: [{ name: 'a' }] }), runEvent('r1', 'COMPLETE', 2, { job: 'j', inputs: [{ name: 'a' }], outputs: [{ name: 'b' }] }),
      runEvent('r2', 'COMPLETE', 3, { job: 'j', inputs: [{ name: 'a' }], outputs: [{ name: 'b' }] }),
    );
    expect(m.graph.edges).toHaveLength(2);
    expect(m.graph.nodes.map((n) => n.kind).sort()).toEqual(['dataset', 'dataset', 'job']);
  });
});
