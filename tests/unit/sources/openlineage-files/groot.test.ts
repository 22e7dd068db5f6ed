import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { LineageRun, RunDataset } from '@/lib/model';
import { refKey } from '@/lib/model';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import type { LineageSnapshot } from '@/lib/sources/ports';
import { readJson, sharedPath } from './shared-data';

// The parts of groot-a/EXPECTED.json these tests read; values always come from the file.
const ioSchema = z.object({ namespace: z.string(), name: z.string(), version: z.string().nullable(), rowCount: z.number().optional() });
const olRunSchema = z.object({
  openlineage_run_id: z.string(),
  namespace: z.string(),
  job: z.string(),
  event_types: z.array(z.string()),
  state: z.string(),
  start_time: z.string(),
  end_time: z.string().nullable(),
  parent_run_id: z.string().nullable(),
  run_facets: z.array(z.string()),
  job_facets: z.array(z.string()),
  inputs: z.array(ioSchema),
  outputs: z.array(ioSchema),
});
const runRefSchema = z.object({ openlineage_run_id: z.string(), job: z.string(), openlineage_state: z.string(), start_time: z.string(), end_time: z.string() });
const stageSchema = runRefSchema.extend({ stage: z.string(), input: ioSchema, output: ioSchema });
const sectionSchema = z.object({
  counts: z.object({ openlineage_events: z.number(), openlineage_runs: z.number() }),
  openlineage_runs: z.array(olRunSchema),
  executions: z.array(z.object({ execution: z.string(), pipeline: runRefSchema, stages: z.array(stageSchema) })),
});
const expectedSchema = sectionSchema.extend({ file_store: sectionSchema });

const EXPECTED = expectedSchema.parse(readJson(sharedPath('groot-a', 'EXPECTED.json')));

// OpenLineage event types as EXPECTED.json writes them → the model's run states.
const STATE: Record<string, LineageRun['state']> = { COMPLETE: 'COMPLETED', FAIL: 'FAILED', ABORT: 'ABORTED', START: 'RUNNING', RUNNING: 'RUNNING' };

async function load(path: string): Promise<LineageSnapshot> {
  const source = createOpenLineageFileSource([path]);
  const health = await source.health();
  expect(health.problems).toEqual([]);
  expect(health.status).toBe('ok');
  return source.snapshot();
}

function runOf(snap: LineageSnapshot, runId: string): LineageRun {
  const run = snap.runs.get(runId);
  if (run === undefined) throw new Error(`run ${runId} not loaded`);
  return run;
}

function expectIo(actual: RunDataset | undefined, expected: z.infer<typeof ioSchema>): void {
  expect(actual).toBeDefined();
  expect({ namespace: actual?.namespace, name: actual?.name, version: actual?.version }).toEqual({
    namespace: expected.namespace, name: expected.name, version: expected.version,
  });
  expect(actual?.rowCount).toBe(expected.rowCount ?? null);
}

function checkSection(section: z.infer<typeof sectionSchema>, snap: () => LineageSnapshot): void {
  it('has every OpenLineage run with its job, state, times, parent, facets and datasets', () => {
    const s = snap();
    expect(s.runs.size).toBe(section.counts.openlineage_runs);
    for (const exp of section.openlineage_runs) {
      const run = runOf(s, exp.openlineage_run_id);
      expect(run.job).toEqual({ namespace: exp.namespace, name: exp.job });
      expect(run.state).toBe(STATE[exp.state]);
      expect(run.startedAt).toBe(exp.start_time);
      expect(run.endedAt).toBe(exp.end_time);
      expect(run.parent?.runId ?? null).toBe(exp.parent_run_id);
      expect(Object.keys(run.facets).sort()).toEqual([...exp.run_facets].sort());
      expect(Object.keys(s.jobs.get(refKey(run.job))?.facets ?? {}).sort()).toEqual([...exp.job_facets].sort());
      expect(run.inputs).toHaveLength(exp.inputs.length);
      expect(run.outputs).toHaveLength(exp.outputs.length);
      exp.inputs.forEach((i) => expectIo(run.inputs.find((d) => d.name === i.name && d.namespace === i.namespace), i));
      exp.outputs.forEach((o) => expectIo(run.outputs.find((d) => d.name === o.name && d.namespace === o.namespace), o));
    }
  });

  it('gives every stage its input and output version, and links each input to the stage that wrote it', () => {
    const s = snap();
    for (const execution of section.executions) {
      const pipeline = runOf(s, execution.pipeline.openlineage_run_id);
      expect(`${pipeline.job.namespace}/${pipeline.job.name}`).toBe(execution.pipeline.job);
      expect(pipeline.state).toBe(STATE[execution.pipeline.openlineage_state]);
      expect([pipeline.startedAt, pipeline.endedAt]).toEqual([execution.pipeline.start_time, execution.pipeline.end_time]);
      for (const stage of execution.stages) {
        const run = runOf(s, stage.openlineage_run_id);
        expect(`${run.job.namespace}/${run.job.name}`).toBe(stage.job);
        expect(run.parent?.runId).toBe(execution.pipeline.openlineage_run_id);
        expect(run.state).toBe(STATE[stage.openlineage_state]);
        expectIo(run.inputs[0], stage.input);
        expectIo(run.outputs[0], stage.output);
        // The writer of the version read is the stage whose output is that exact version (none for raw data).
        const writer = execution.stages.find((w) => w.output.name === stage.input.name && w.output.version === stage.input.version);
        expect(run.inputs[0]?.producedByRunId).toBe(writer?.openlineage_run_id ?? null);

        const dataset = s.datasets.get(refKey(stage.output));
        const version = dataset?.versions.find((v) => v.createdByRunId === stage.openlineage_run_id);
        expect(version).toMatchObject({
          id: `${stage.openlineage_run_id}/${stage.output.namespace}/${stage.output.name}`,
          version: stage.output.version,
          rowCount: stage.output.rowCount ?? null,
          createdAt: stage.end_time,
        });
        const readers = execution.stages.filter((r) => r.input.name === stage.output.name && r.input.version === stage.output.version);
        expect(version?.consumedByRunIds).toEqual(readers.map((r) => r.openlineage_run_id));
      }
    }
  });

  it('draws each stage as dataset → job → dataset', () => {
    const s = snap();
    const ids = new Map(s.graph.nodes.map((n) => [`${n.kind} ${n.namespace} ${n.name}`, n.id]));
    const edges = new Set(s.graph.edges.map((e) => `${e.from} → ${e.to}`));
    for (const stage of section.executions.flatMap((e) => e.stages)) {
      const run = runOf(s, stage.openlineage_run_id);
      const job = ids.get(`job ${run.job.namespace} ${run.job.name}`);
      expect(edges).toContain(`${ids.get(`dataset ${stage.input.namespace} ${stage.input.name}`)} → ${job}`);
      expect(edges).toContain(`${job} → ${ids.get(`dataset ${stage.output.namespace} ${stage.output.name}`)}`);
    }
    expect(new Set(s.graph.nodes.map((n) => n.id)).size).toBe(s.graph.nodes.length);
  });
}

describe('groot-a, server pass: openlineage/events/ (one file per event)', async () => {
  const snap = await load(sharedPath('groot-a', 'openlineage', 'events'));
  checkSection(EXPECTED, () => snap);

  it('reads the same model from events.ndjson (JSON Lines) as from the directory', async () => {
    const source = createOpenLineageFileSource([sharedPath('groot-a', 'openlineage', 'events.ndjson')]);
    const lines = await source.snapshot();
    expect((await source.health()).counts).toMatchObject({ events: EXPECTED.counts.openlineage_events, files: 1 });
    expect(lines.runs).toEqual(snap.runs);
    expect(lines.jobs).toEqual(snap.jobs);
    expect(lines.datasets).toEqual(snap.datasets);
    expect(lines.graph).toEqual(snap.graph);
  });

  it('reports counts for /health', async () => {
    const health = await createOpenLineageFileSource([sharedPath('groot-a', 'openlineage', 'events')]).health();
    expect(health).toMatchObject({ id: 'openlineage-files', label: 'OpenLineage events', kind: 'lineage', configured: true, error: null });
    expect(health.counts).toMatchObject({ events: EXPECTED.counts.openlineage_events, runs: EXPECTED.counts.openlineage_runs, files: EXPECTED.counts.openlineage_events });
  });

  it('keeps dataset facets when the pipeline run re-reports its last output without facets', () => {
    const execution = EXPECTED.executions[0];
    const last = execution?.stages.at(-1);
    const pipeline = runOf(snap, execution?.pipeline.openlineage_run_id ?? '');
    // The pipeline run reports the final output too, so that dataset's newest version is the pipeline's.
    const output = pipeline.outputs[0];
    expect(output && { namespace: output.namespace, name: output.name }).toEqual(last && { namespace: last.output.namespace, name: last.output.name });
    const dataset = snap.datasets.get(refKey(last?.output ?? { namespace: '', name: '' }));
    expect(dataset?.versions.map((v) => v.createdByRunId)).toEqual([pipeline.runId, last?.openlineage_run_id]);
    const stageFacets = Object.keys(runOf(snap, last?.openlineage_run_id ?? '').outputs[0]?.facets ?? {});
    expect(stageFacets.length).toBeGreaterThan(0);
    expect(Object.keys(dataset?.facets ?? {}).sort()).toEqual(stageFacets.sort());
    // Raw data is only read: described by its reads, without versions.
    const raw = snap.datasets.get(refKey(execution?.stages[0]?.input ?? { namespace: '', name: '' }));
    expect(raw?.versions).toEqual([]);
    expect(raw?.facets).toHaveProperty('schema');
  });

  it('types jobs from the jobType and documentation facets and orders their runs', () => {
    const pipelineRun = runOf(snap, EXPECTED.executions[0]?.pipeline.openlineage_run_id ?? '');
    const job = snap.jobs.get(refKey(pipelineRun.job));
    expect(job?.type).toBe('DAG');
    expect(job?.description).toEqual(expect.any(String));
    expect(job).toMatchObject({ runIds: [pipelineRun.runId], latestRunState: 'COMPLETED', updatedAt: pipelineRun.endedAt });
    const stageJob = snap.jobs.get(refKey(runOf(snap, EXPECTED.executions[0]?.stages[0]?.openlineage_run_id ?? '').job));
    expect(stageJob?.type).toBe('TASK');
  });
});

describe('groot-a, file-store pass: openlineage-file-mode/events.ndjson', async () => {
  const snap = await load(sharedPath('groot-a', 'openlineage-file-mode', 'events.ndjson'));
  checkSection(EXPECTED.file_store, () => snap);
});

describe('overlapping paths', () => {
  it('counts a RunEvent once when a folder and its JSON Lines twin are both configured', async () => {
    const both = createOpenLineageFileSource([sharedPath('groot-a', 'openlineage')], { refreshIntervalMs: 0 });
    const single = createOpenLineageFileSource([sharedPath('groot-a', 'openlineage', 'events.ndjson')], { refreshIntervalMs: 0 });
    const [a, b] = await Promise.all([both.snapshot(), single.snapshot()]);
    expect([...a.runs.values()]).toEqual([...b.runs.values()]);
    expect([...a.datasets.values()]).toEqual([...b.datasets.values()]);
  });
});
