import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../scripts/demo-data/generate.mjs';
import type { DemoManifest } from '../../../scripts/demo-data/manifest.mjs';
import { type JsonObject, facetsOf, openLineageValidator, readEventFiles, REAL_EVENTS, RUN_EVENT, shape, tempDir } from './helpers';

const MLFLOW_FACET_URL = 'https://example.com/schemas/facets/MlflowRunFacet.json';
const PRODUCER = 'https://github.com/OpenLineage/OpenLineage/tree/1.52.0/client/python';

/** Python json.dumps(sort_keys=True) of an all-ASCII value: an independent check of the file format. */
function pythonDumps(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(pythonDumps).join(', ')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}: ${pythonDumps((v as Record<string, unknown>)[k])}`).join(', ')}}`;
  }
  return JSON.stringify(v);
}

let dir: string;
let files: Array<[string, string]>;
let events: Array<{ file: string; event: JsonObject }>;
let manifest: DemoManifest;

beforeAll(() => {
  dir = tempDir();
  generateDemoData({ outDir: dir, force: true });
  files = readEventFiles(path.join(dir, 'openlineage'));
  events = files.map(([file, text]) => ({ file, event: JSON.parse(text) as JsonObject }));
  manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as DemoManifest;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function eventOf(label: string, eventType: string): JsonObject {
  const runId = manifest.runs.find((r) => r.label === label)?.openlineage?.runId;
  const found = events.find((e) => (e.event.run as JsonObject).runId === runId && e.event.eventType === eventType);
  if (!found) throw new Error(`no ${eventType} event for ${label}`);
  return found.event;
}

function realEvent(jobName: string, eventType: string): JsonObject {
  for (const f of fs.readdirSync(REAL_EVENTS)) {
    const e = JSON.parse(fs.readFileSync(path.join(REAL_EVENTS, f), 'utf8')) as JsonObject;
    if ((e.job as JsonObject).name === jobName && e.eventType === eventType) return e;
  }
  throw new Error(`no real ${eventType} event for ${jobName}`);
}

describe('demo OpenLineage events', () => {
  it('has one event per file for every run in the manifest', () => {
    expect(files.length).toBe(manifest.openlineage.events);
    const expected = manifest.runs.reduce((n, r) => n + (r.openlineage?.eventTypes.length ?? 0), 0);
    expect(files.length).toBe(expected);
  });

  it('validates every event against the OpenLineage 2-0-2 RunEvent schema', () => {
    const validate = openLineageValidator().getSchema(RUN_EVENT);
    expect(validate).toBeDefined();
    for (const { file, event } of events) {
      expect(validate!(event), `${file}: ${JSON.stringify(validate!.errors)}`).toBe(true);
    }
  });

  it('validates every standard facet against its own facet schema', () => {
    const ajv = openLineageValidator();
    const used = new Set<string>();
    for (const { file, event } of events) {
      for (const [where, facet] of facetsOf(event)) {
        expect(facet._producer).toBe(PRODUCER);
        const url = facet._schemaURL as string;
        if (url === MLFLOW_FACET_URL) continue; // the custom facet the pipeline defines; no public schema
        const validate = ajv.getSchema(url);
        expect(validate, `${file} ${where}: no schema for ${url}`).toBeDefined();
        expect(validate!(facet), `${file} ${where}: ${JSON.stringify(validate!.errors)}`).toBe(true);
        used.add(url.replace(/.*\/facets\/[^/]+\/(\w+)\.json.*/, '$1'));
      }
    }
    expect([...used].sort()).toEqual(
      expect.arrayContaining(['ErrorMessageRunFacet', 'ExecutionParametersRunFacet', 'ParentRunFacet', 'TagsRunFacet', 'DatasetVersionDatasetFacet', 'SchemaDatasetFacet', 'OutputStatisticsOutputDatasetFacet', 'InputStatisticsInputDatasetFacet']),
    );
  });

  it('writes files the way the Python file transport does', () => {
    for (const [file, text] of files) {
      const m = /^events-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.(\d{6})\.json$/.exec(file);
      expect(m, file).not.toBeNull();
      const [, y, mo, d, h, mi, s, us] = m!;
      const emittedMs = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}.000Z`) + Number(us) / 1000;
      const event = JSON.parse(text) as JsonObject;
      const lag = emittedMs - Date.parse(event.eventTime as string);
      expect(lag, file).toBeGreaterThanOrEqual(0);
      expect(lag, file).toBeLessThan(3);
      expect(/^[\x20-\x7e\n]*$/.test(text), `${file} is not ASCII`).toBe(true);
      expect(text).toBe(`${pythonDumps(event)}\n`);
    }
  });

  it('gives stage and pipeline events the same shape as the real client wrote', () => {
    for (const [label, job, type] of [
      ['e1.data-loading', 'groot-data-etl.data-loading', 'START'],
      ['e1.data-loading', 'groot-data-etl.data-loading', 'COMPLETE'],
      ['e1.tokenization', 'groot-data-etl.tokenization', 'COMPLETE'],
      ['e1.pipeline', 'groot-data-etl', 'START'],
      ['e1.pipeline', 'groot-data-etl', 'COMPLETE'],
    ] as const) {
      expect(shape(eventOf(label, type)), `${label} ${type}`).toEqual(shape(realEvent(job, type)));
    }
  });

  it('reports the failed stage with an errorMessage facet and no outputs', () => {
    const fail = eventOf('e3.filtering', 'FAIL');
    const error = (fail.run as JsonObject).facets as JsonObject;
    expect(error.errorMessage).toMatchObject({ programmingLanguage: 'python', message: expect.stringContaining('ValueError') });
    expect((error.errorMessage as JsonObject).stackTrace).toContain('Traceback');
    expect(fail.outputs).toEqual([]);
    expect(eventOf('e3.pipeline', 'FAIL')).toBeDefined();
    expect(manifest.runs.some((r) => r.label === 'e3.tokenization')).toBe(false);
  });
});
