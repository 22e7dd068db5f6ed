import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  columnLineageNodeSchema, datasetListSchema, datasetSchema, datasetVersionListSchema, errorBodySchema, facetsResultSchema, facetsSchema,
  jobListSchema, jobSchema, lineageDatasetNodeSchema, lineageEventListSchema, lineageGraphSchema, lineageNodeSchema, namespaceListSchema,
  parseWire, runListSchema, runSchema, searchResultListSchema, upstreamLineageSchema,
} from '@/lib/sources/marquez/schemas';
import { RESPONSES, fixturePath, readJson } from './paths';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full).map((f) => path.join(name, f)) : [name];
  });
}

// Every real Marquez sample, with the schema of what it is. A new sample must be added here.
const SAMPLES: Record<string, z.ZodType<unknown>[]> = {
  'facets/job_facets.json': [facetsSchema],
  'facets/run_facets.json': [facetsSchema],
  'column_lineage/node.json': [columnLineageNodeSchema],
  'lineage/node.json': [lineageNodeSchema, lineageDatasetNodeSchema],
  'mappers/full_dataset_mapper.json': [datasetSchema],
  'mappers/run_facets_mapper.json': [facetsResultSchema],
  'mappers/full_job_mapper.json': [jobSchema],
  'mappers/job_facets_mapper.json': [facetsResultSchema],
};

const FIXTURES: Record<string, z.ZodType<unknown>[]> = {
  'namespaces.json': [namespaceListSchema],
  'jobs.json': [jobListSchema],
  'run.json': [runSchema],
  'runs-legacy.json': [runListSchema],
  'datasets.json': [datasetListSchema],
  'dataset-versions.json': [datasetVersionListSchema],
  'upstream.json': [upstreamLineageSchema],
  'search.json': [searchResultListSchema],
  'events.json': [lineageEventListSchema],
  'lineage.json': [lineageGraphSchema],
  'error-404.json': [errorBodySchema],
};

describe('real Marquez samples (../shared/data/marquez-responses)', () => {
  it('are all listed here with their schema', () => {
    expect(filesUnder(RESPONSES).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [file, schemas] of Object.entries(SAMPLES)) {
    it(`${file} parses`, () => {
      for (const schema of schemas) expect(parseWire(schema, readJson(path.join(RESPONSES, file)))).toMatchObject({ ok: true });
    });
  }
});

describe('fixtures (tests/fixtures/marquez)', () => {
  it('are all listed here with their schema', () => {
    expect(filesUnder(fixturePath()).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.keys(FIXTURES).sort());
  });

  for (const [file, schemas] of Object.entries(FIXTURES)) {
    it(`${file} parses`, () => {
      for (const schema of schemas) expect(parseWire(schema, readJson(fixturePath(file)))).toMatchObject({ ok: true });
    });
  }
});

describe('parseWire', () => {
  it('keeps fields Marquez adds and accepts null where Marquez sends it', () => {
    const parsed = parseWire(jobSchema, { name: 'j', id: { namespace: 'n', name: 'j' }, latestRun: null, description: null, brandNew: 1 });
    expect(parsed).toEqual({ ok: true, value: { name: 'j', id: { namespace: 'n', name: 'j' }, latestRun: null, description: null, brandNew: 1 } });
  });

  it('says what is wrong, with the path, on one line', () => {
    const parsed = parseWire(jobListSchema, { jobs: [{ name: 1 }, {}, {}, {}], totalCount: 'x' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toBe('jobs.0.name: expected string, received number; jobs.1.name: expected string, received undefined; jobs.2.name: expected string, received undefined (and 2 more)');
  });

  it('rejects facets that are not an object', () => {
    expect(parseWire(runSchema, { id: 'r', facets: [] }).ok).toBe(false);
  });
});
