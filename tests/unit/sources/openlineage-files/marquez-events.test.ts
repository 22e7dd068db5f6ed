import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { refKey } from '@/lib/model';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { readJson, sharedPath } from './shared-data';

const TESTS_DIR = sharedPath('openlineage', 'marquez-tests');
const SEED = sharedPath('openlineage', 'marquez-seed', 'food-delivery-events.json');

// Just enough of a raw event to compute expectations from the files themselves.
const ref = z.object({ namespace: z.string(), name: z.string() });
const rawEvent = z.object({
  eventType: z.string().optional(),
  eventTime: z.string(),
  run: z.object({ runId: z.string() }),
  job: ref.extend({ facets: z.record(z.string(), z.unknown()).optional() }),
  inputs: z.array(ref).optional(),
  outputs: z.array(ref).optional(),
});
const key = (r: { namespace: string; name: string }): string => `${r.namespace}/${r.name}`;
const runIdOf = (file: string): string => rawEvent.parse(readJson(path.join(TESTS_DIR, file))).run.runId;

/** Problems in the files themselves (model notes such as merged events name a run or `eventTime`, not a file). */
const fileProblems = (problems: Array<{ where: string }>) => problems.filter((p) => p.where.startsWith(path.sep));

async function loadClean(...paths: string[]): Promise<LineageSnapshot> {
  const source = createOpenLineageFileSource(paths);
  const health = await source.health();
  expect(fileProblems(health.problems)).toEqual([]);
  expect(health.error).toBeNull();
  return source.snapshot();
}

describe('Marquez seed (a JSON array of 26 events)', async () => {
  const raw = z.array(rawEvent).parse(readJson(SEED));
  const snap = await loadClean(SEED);

  it('loads every element as an event: 13 runs, all completed, one per job', async () => {
    const health = await createOpenLineageFileSource([SEED]).health();
    expect(health.counts).toMatchObject({ events: raw.length, files: 1 });
    const runIds = new Set(raw.map((e) => e.run.runId));
    expect(snap.runs.size).toBe(runIds.size);
    expect(snap.jobs.size).toBe(new Set(raw.map((e) => key(e.job))).size);
    for (const run of snap.runs.values()) {
      expect(run.state).toBe('COMPLETED');
      const events = raw.filter((e) => e.run.runId === run.runId);
      expect(run.startedAt).toBe(events.find((e) => e.eventType === 'START')?.eventTime);
      expect(run.endedAt).toBe(events.find((e) => e.eventType === 'COMPLETE')?.eventTime);
      expect(snap.jobs.get(refKey(run.job))?.runIds).toEqual([run.runId]);
    }
  });

  it('keeps job facets from the START event (sql, documentation) and the description', () => {
    for (const event of raw.filter((e) => e.eventType === 'START')) {
      const job = snap.jobs.get(refKey(event.job));
      expect(Object.keys(job?.facets ?? {}).sort()).toEqual(Object.keys(event.job.facets ?? {}).sort());
      expect(job?.description).toEqual(expect.any(String));
    }
  });

  it('links each input to the run that wrote it, even when both started at the same instant', () => {
    const writer = new Map(raw.flatMap((e) => (e.outputs ?? []).map((o) => [key(o), e.run.runId] as const)));
    let links = 0;
    for (const run of snap.runs.values()) {
      for (const input of run.inputs) {
        expect(input.producedByRunId).toBe(writer.get(key(input)) ?? null);
        if (input.producedByRunId !== null) links++;
      }
    }
    expect(links).toBeGreaterThan(5);
    for (const [dataset, runId] of writer) {
      const versions = [...snap.datasets.values()].find((d) => key(d) === dataset)?.versions ?? [];
      expect(versions.map((v) => v.createdByRunId)).toEqual([runId]);
      const readers = raw.filter((e) => e.eventType === 'START' && (e.inputs ?? []).some((i) => key(i) === dataset)).map((e) => e.run.runId);
      expect([...(versions[0]?.consumedByRunIds ?? [])].sort()).toEqual([...readers].sort());
    }
  });

  it('builds one node per job and dataset and one edge per distinct read or write', () => {
    const datasets = new Set(raw.flatMap((e) => [...(e.inputs ?? []), ...(e.outputs ?? [])].map(key)));
    expect(snap.datasets.size).toBe(datasets.size);
    expect(snap.graph.nodes).toHaveLength(snap.jobs.size + datasets.size);
    const edges = new Set(raw.flatMap((e) => [
      ...(e.inputs ?? []).map((i) => `${key(i)} > ${key(e.job)}`),
      ...(e.outputs ?? []).map((o) => `${key(e.job)} > ${key(o)}`),
    ]));
    expect(snap.graph.edges).toHaveLength(edges.size);
  });
});

describe('Marquez API test events', () => {
  it('loads every file of the folder, sub-folders included, without a problem', async () => {
    const files = readdirSync(TESTS_DIR, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.json'));
    const source = createOpenLineageFileSource([TESTS_DIR]);
    const health = await source.health();
    expect(fileProblems(health.problems)).toEqual([]);
    // What the model says about them: Marquez's own tests repeat runs at one instant, and one event has no zone.
    expect(health.problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'eventTime: 1 event time(s) have no time zone (first: run 43d7db3b-8984-4cda-b237-8c6919b36670 at 2020-12-28T19:51:01.641499Z); read as UTC',
      'run ea041791-68bc-4ae1-bd89-4c8106a157e4: 3 different COMPLETE events at 2020-12-28T19:51:01.641Z: merged (facets by name, inputs and outputs unioned)',
      'run 43d7db3b-8984-4cda-b237-8c6919b36670: 2 different OTHER events at 2020-12-28T19:51:01.641499Z: merged (facets by name, inputs and outputs unioned)',
      'run 41fb5137-f0fd-4ee5-ba5c-56f8571d1bd7: 2 different COMPLETE events at 2020-12-28T09:52:00.001Z: merged (facets by name, inputs and outputs unioned)',
    ]);
    expect(health.counts).toMatchObject({ events: files.length, files: files.length });
  });

  it('reads the 220 KB event with its facets, parent, statistics and job type', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'event_large.json'));
    const run = snap.runs.get(runIdOf('event_large.json'));
    expect(run?.state).toBe('COMPLETED');
    expect(run?.parent).toEqual({ runId: '3f5e83fa-3480-44ff-99c5-ff943904e5e8', job: { namespace: 'my-scheduler-namespace', name: 'myjob.mytask' } });
    expect(Object.keys(run?.facets ?? {})).toEqual(expect.arrayContaining(['nominalTime', 'parent', 'additionalProp1']));
    expect(Object.keys(run?.outputs[0]?.facets ?? {})).toContain('additionalProp9');

    const full = await loadClean(path.join(TESTS_DIR, 'event_full.json'));
    const fullRun = full.runs.get(runIdOf('event_full.json'));
    // Legacy dataQualityMetrics input facet and the outputStatistics output facet.
    expect(fullRun?.inputs[0]).toMatchObject({ rowCount: 1000, size: 1048576 });
    expect(fullRun?.outputs[0]).toMatchObject({ rowCount: 2000, size: 2097152 });
    expect(full.jobs.get(refKey({ namespace: 'my-scheduler-namespace', name: 'myjob.mytask' }))?.type).toBe('QUERY');
  });

  it('does not take a run that rewrites its own input as the input\'s producer', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'event_full.json'));
    const run = snap.runs.get(runIdOf('event_full.json'));
    expect(run?.inputs[0]?.producedByRunId).toBeNull();
    const dataset = snap.datasets.get(refKey({ namespace: 'my-datasource-namespace', name: 'instance.schema.table' }));
    expect(dataset?.versions).toHaveLength(1);
    expect(dataset?.versions[0]?.consumedByRunIds).toEqual([]);
  });

  it('keeps unicode names and builds distinct ids for namespaces with ":" and "/"', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'event_unicode.json'), path.join(TESTS_DIR, 'event_namespace_naming.json'));
    const job = snap.jobs.get(refKey({ namespace: 'my-scheduler-namespace', name: 'myjob.buggy_task🕷' }));
    expect(job?.runIds).toEqual([runIdOf('event_unicode.json')]);
    expect(snap.graph.nodes.find((n) => n.name === 'myjob.buggy_task🕷')?.kind).toBe('job');
    const s3 = snap.graph.nodes.filter((n) => n.namespace.startsWith('s3://'));
    expect(s3.map((n) => n.namespace).sort()).toEqual(['s3://blob-sink', 's3://blob-source']);
    expect(new Set(snap.graph.nodes.map((n) => n.id)).size).toBe(snap.graph.nodes.length);
  });

  it('reads required-only events: no eventType means NEW; nanoseconds and a missing zone still order', async () => {
    const snap = await loadClean(
      path.join(TESTS_DIR, 'event_required_no_timezone.json'),
      path.join(TESTS_DIR, 'event_required_nanoseconds.json'),
      path.join(TESTS_DIR, 'event_required_only.json'),
    );
    const run = snap.runs.get(runIdOf('event_required_only.json'));
    expect(run).toMatchObject({ state: 'NEW', endedAt: null, startedAt: '2020-12-28T19:51:01.641Z', inputs: [], outputs: [] });
    // Both later events are the same instant (a missing zone is UTC), reported in UTC with Z.
    expect(run?.updatedAt).toBe('2020-12-28T19:51:01.641499Z');
  });

  it('a START alone is RUNNING with no end', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'null_nominal_end_time.json'));
    expect(snap.runs.get(runIdOf('null_nominal_end_time.json'))).toMatchObject({ state: 'RUNNING', endedAt: null });
  });

  it('unions a run\'s datasets across its events (listener/: RUNNING then COMPLETE with other files)', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'listener'));
    const run = snap.runs.get(runIdOf('listener/1.json'));
    expect(run?.state).toBe('COMPLETED');
    expect(run?.inputs.map((d) => d.name).sort()).toEqual(['file://localhost/in_file1.txt', 'file://localhost/in_file2.txt', 'file://localhost/in_file3.txt']);
    expect(run?.outputs.map((d) => d.name).sort()).toEqual(['file://localhost/out_file1.txt', 'file://localhost/out_file2.txt']);
    expect(run?.startedAt).toBe('2020-12-28T09:52:00.001Z'); // the producer wrote +10:00
  });

  it('turns a DatasetEvent into a dataset with facets and no versions', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'event_dataset_event.json'));
    expect(snap.runs.size).toBe(0);
    const dataset = snap.datasets.get(refKey({ namespace: 'my-dataset-namespace', name: 'my-dataset-name' }));
    expect(dataset).toMatchObject({ versions: [], updatedAt: '2020-12-28T09:52:00.001Z' }); // written +10:00
    expect(Object.keys(dataset?.facets ?? {})).toEqual(['schema']);
    expect(snap.graph.nodes.map((n) => n.kind)).toEqual(['dataset']);
  });

  it('turns a JobEvent into a job with its datasets and edges, but no runs', async () => {
    const snap = await loadClean(path.join(TESTS_DIR, 'event_job_event.json'));
    expect(snap.runs.size).toBe(0);
    const job = snap.jobs.get(refKey({ namespace: 'my-scheduler-namespace', name: 'myjob' }));
    expect(job).toMatchObject({
      runIds: [], latestRunState: null,
      inputs: [{ namespace: 'my-datasource-namespace', name: 'instance.schema.input-1' }],
      outputs: [{ namespace: 'my-datasource-namespace', name: 'instance.schema.output-1' }],
    });
    expect(snap.datasets.get(refKey({ namespace: 'my-datasource-namespace', name: 'instance.schema.output-1' }))?.facets).toHaveProperty('documentation');
    expect(snap.graph.edges).toHaveLength(2);
  });
});

describe('apples/: inputs that change over time', async () => {
  const snap = await loadClean(path.join(TESTS_DIR, 'apples'));
  const run = (file: string) => snap.runs.get(runIdOf(`apples/${file}`));
  const producer = (file: string, input: string) => run(file)?.inputs.find((d) => d.name === input)?.producedByRunId;

  it('links each read to the newest write at or before the reading run started', () => {
    expect(producer('2_apple_filling.json', 'apples')).toBe(runIdOf('apples/1_pick_apples.json'));
    expect(producer('3_apple_cider.json', 'apples')).toBe(runIdOf('apples/1_pick_apples.json'));
    expect(producer('8_apple_filling.json', 'apples')).toBe(runIdOf('apples/7_pick_different_apples.json'));
    expect(producer('6_apple_pie.json', 'apple.filling')).toBe(runIdOf('apples/2_apple_filling.json'));
    expect(producer('9_apple_pie.json', 'apple.filling')).toBe(runIdOf('apples/8_apple_filling.json'));
    expect(producer('5_apple_vinegar.json', 'apple.cider')).toBe(runIdOf('apples/3_apple_cider.json'));
    expect(producer('2_apple_filling.json', 'cinnamon')).toBeNull();
    expect(producer('1_pick_apples.json', 'red.delicious')).toBeNull();
  });

  it('keeps one version per write, newest first, and who read each one', () => {
    const apples = snap.datasets.get(refKey({ namespace: 'grandmas.kitchen', name: 'apples' }));
    expect(apples?.versions.map((v) => v.createdByRunId)).toEqual([runIdOf('apples/7_pick_different_apples.json'), runIdOf('apples/1_pick_apples.json')]);
    expect(apples?.versions[0]?.consumedByRunIds).toEqual([runIdOf('apples/8_apple_filling.json')]);
    expect(apples?.versions[1]?.consumedByRunIds).toEqual([runIdOf('apples/2_apple_filling.json'), runIdOf('apples/3_apple_cider.json')]);
    // Only read, never written: the dataset is there, without versions.
    expect(snap.datasets.get(refKey({ namespace: 'cupboard', name: 'sugar' }))?.versions).toEqual([]);
  });

  it('gives a job the datasets of its latest run, and its runs newest first', () => {
    const filling = snap.jobs.get(refKey({ namespace: 'grandmas.kitchen', name: 'prepare_apple_filling' }));
    expect(filling?.runIds).toEqual([runIdOf('apples/8_apple_filling.json'), runIdOf('apples/2_apple_filling.json')]);
    expect(filling?.inputs.map((d) => d.name).sort()).toEqual(['apples', 'cinnamon', 'sugar']);
    // The graph keeps every edge ever seen: the first gather_apples read red.delicious, the second crab.apples.
    const gather = snap.graph.nodes.find((n) => n.kind === 'job' && n.name === 'gather_apples')?.id;
    expect(snap.graph.edges.filter((e) => e.to === gather)).toHaveLength(2);
  });
});
