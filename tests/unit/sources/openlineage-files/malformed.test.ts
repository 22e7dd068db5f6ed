import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createOpenLineageFileSource } from '@/lib/sources/openlineage-files';
import { fixturePath, sharedPath } from './shared-data';

const DIR = fixturePath('malformed', 'events');
const NDJSON = fixturePath('malformed', 'events.ndjson');
const RUN_A = '0b0a0000-0000-4000-8000-00000000000a';
const RUN_B = '0b0a0000-0000-4000-8000-00000000000b';
const RUN_C = '0b0a0000-0000-4000-8000-00000000000c';

describe('malformed input', async () => {
  const source = createOpenLineageFileSource([DIR, NDJSON]);
  const snap = await source.snapshot();
  const health = await source.health();
  const problem = (file: string, line?: number) => health.problems.find((p) => p.where === file && p.line === line);

  it('loads every good event and skips the rest', () => {
    expect([...snap.runs.keys()].sort()).toEqual([RUN_A, RUN_B, RUN_C]);
    expect(snap.runs.get(RUN_A)).toMatchObject({ state: 'COMPLETED', startedAt: '2026-01-01T00:00:01Z', endedAt: '2026-01-01T00:00:03Z' });
    expect(snap.runs.get(RUN_B)).toMatchObject({ state: 'COMPLETED', startedAt: '2026-01-01T00:00:07Z' });
    expect(snap.runs.get(RUN_B)?.inputs[0]?.producedByRunId).toBe(RUN_A);
    // Bad files and lines cost only themselves: the source is still fine.
    expect(health).toMatchObject({ status: 'ok', error: null });
    expect(health.counts).toMatchObject({ events: 5, runs: 3, files: 8 });
  });

  it('reports each bad file with a clear message', () => {
    expect(problem(path.join(DIR, 'events-20260101-000002.000000.json'))?.message).toMatch(/JSON/);
    expect(problem(path.join(DIR, 'not-an-event.json'))?.message).toBe('not an OpenLineage event: it has no run, job or dataset');
    expect(problem(path.join(DIR, 'bad-run-id.json'))?.message).toBe('run.runId: expected string, received number');
    expect(problem(path.join(DIR, 'bad-event-time.json'))?.message).toBe('eventTime: not a date-time: "yesterday"');
    expect(problem(path.join(DIR, 'array-of-events.json'))?.message).toBe('array item 1: run.runId: expected string, received undefined');
    expect(health.problems.some((p) => p.where.endsWith('notes.txt'))).toBe(false);
  });

  it('reports each bad JSON line with its 1-based line number', () => {
    const lines = health.problems.filter((p) => p.where === NDJSON);
    expect(lines.map((p) => p.line)).toEqual([3, 4, 5]);
    expect(problem(NDJSON, 3)?.message).toMatch(/JSON/);
    expect(problem(NDJSON, 4)?.message).toBe('not an OpenLineage event: expected a JSON object, got array');
    expect(problem(NDJSON, 5)?.message).toBe('run.runId: expected string, received undefined; job: expected object, received undefined');
    expect(health.problems).toHaveLength(8);
  });
});

describe('paths that do not work', () => {
  it('is degraded when some paths are missing, with the path named in the error', async () => {
    const missing = path.join(fixturePath('malformed'), 'no-such-folder');
    const health = await createOpenLineageFileSource([NDJSON, missing]).health();
    expect(health.status).toBe('degraded');
    expect(health.error).toBe(`${missing}: does not exist`);
    expect(health.counts.runs).toBe(1);
    expect(health.location).toBe([NDJSON, missing].join(path.delimiter));
  });

  it('is unavailable when no path works, and still returns an empty snapshot', async () => {
    const missing = sharedPath('openlineage', 'no-such-file.ndjson');
    const source = createOpenLineageFileSource([missing]);
    const snap = await source.snapshot();
    expect(snap.runs.size).toBe(0);
    expect(snap.graph).toEqual({ nodes: [], edges: [] });
    expect(await source.health()).toMatchObject({ status: 'unavailable', error: `${missing}: does not exist`, configured: true });
  });

  it('is not configured without paths', async () => {
    expect(await createOpenLineageFileSource([]).health()).toMatchObject({ status: 'not-configured', configured: false, location: null });
  });
});
