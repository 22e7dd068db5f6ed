import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  errorBodySchema, getExperimentResponseSchema, getLoggedModelResponseSchema, getModelVersionResponseSchema, getRegisteredModelResponseSchema, getRunResponseSchema,
  listArtifactsResponseSchema, metricHistoryBulkResponseSchema, metricHistoryResponseSchema, modelVersionDownloadUriResponseSchema,
  parseWire, searchExperimentsResponseSchema, searchModelVersionsResponseSchema, searchRegisteredModelsResponseSchema, searchRunsResponseSchema,
} from '@/lib/sources/mlflow/schemas';
import { GROOT_RECORDINGS, MLFLOW3_RECORDINGS } from './helpers';

/** Each recorded endpoint's answer schema. A recording of an endpoint not listed here fails the test. */
const SCHEMAS: Record<string, z.ZodType> = {
  'experiments/search': searchExperimentsResponseSchema,
  'experiments/get': getExperimentResponseSchema,
  'experiments/get-by-name': getExperimentResponseSchema,
  'runs/search': searchRunsResponseSchema,
  'runs/get': getRunResponseSchema,
  'metrics/get-history': metricHistoryResponseSchema,
  'metrics/get-history-bulk-interval': metricHistoryBulkResponseSchema,
  'registered-models/search': searchRegisteredModelsResponseSchema,
  'registered-models/get': getRegisteredModelResponseSchema,
  'registered-models/alias': getModelVersionResponseSchema,
  'model-versions/search': searchModelVersionsResponseSchema,
  'model-versions/get': getModelVersionResponseSchema,
  'model-versions/get-download-uri': modelVersionDownloadUriResponseSchema,
  'artifacts/list': listArtifactsResponseSchema,
  'logged-models/{model_id}': getLoggedModelResponseSchema,
};

function recordings(dir: string): Array<{ file: string; endpoint: string; body: unknown }> {
  return readFileSync(path.join(dir, '_status.tsv'), 'utf8').split('\n').slice(1).filter((l) => l.trim() !== '').map((line) => {
    const [file = '', , request = ''] = line.split('\t');
    const endpoint = (request.split(/[ ?]/)[0] ?? '').replace(/^\/(?:ajax-)?api\/2\.0\/mlflow\//, '').replace(/^logged-models\/[^/]+$/, 'logged-models/{model_id}');
    return { file, endpoint, body: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) };
  });
}

describe.each([
  ['groot-a (MLflow 2.12.2, recorded)', GROOT_RECORDINGS, 74],
  ['mlflow-3x (hand-written 3.x shapes)', MLFLOW3_RECORDINGS, 13],
])('every response of %s', (_name, dir, count) => {
  const all = recordings(dir);

  it('is listed', () => {
    expect(all).toHaveLength(count);
  });

  it.each(all.map((r) => [r.file, r] as const))('%s parses with its wire schema', (_file, r) => {
    const schema = SCHEMAS[r.endpoint];
    expect(schema, `no schema for ${r.endpoint}`).toBeDefined();
    if (!schema) return;
    const parsed = parseWire(schema, r.body);
    expect(parsed.ok ? 'ok' : parsed.message).toBe('ok');
  });
});

describe('wire schemas', () => {
  it('accept omitted fields, int64 strings, NaN strings and fields of newer servers', () => {
    expect(parseWire(searchRunsResponseSchema, {}).ok).toBe(true);
    const run = { info: { run_id: 'r', start_time: '1700000000000', status: 'RUNNING', new_field: 1 }, data: { metrics: [{ key: 'm', value: 'NaN', step: '3' }] } };
    expect(parseWire(getRunResponseSchema, { run })).toEqual({ ok: true, value: { run } });
  });

  it('say what is wrong, on one line', () => {
    expect(parseWire(searchRunsResponseSchema, { runs: [{ info: { run_name: 5 } }, 'x'] })).toEqual({
      ok: false,
      message: 'runs.0.info.run_name: expected string, received number; runs.1: expected object, received string',
    });
    expect(parseWire(errorBodySchema, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: "Run 'x' not found" }).ok).toBe(true);
  });
});
