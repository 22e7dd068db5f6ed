import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMlflowClient } from '@/lib/sources/mlflow/client';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { startMlflowStub, type MlflowStub } from '@/tests/stubs/mlflow';
import { GROOT_RECORDINGS, MLFLOW3_RECORDINGS, MLFLOW3_SQL, buildDb, callsTo, removeTempDirs, stubAndSource } from './helpers';

/** MLflow 3 registers logged models (`models:/m-…`); version 10 of clf has no run_id, only its logged model's run. */
const A1 = 'a0000000000000000000000000000001';
const LOGGED = { modelId: 'm-123', name: 'clf', experimentId: '5', runId: A1, status: 'LOGGED_MODEL_READY', artifactUri: 'mlflow-artifacts:/5/models/m-123/artifacts', createdAt: 1700000008000 };

let v3: MlflowStub;
let v2: MlflowStub;
beforeAll(async () => {
  [v3, v2] = await Promise.all([startMlflowStub({ recordings: MLFLOW3_RECORDINGS }), startMlflowStub({ recordings: GROOT_RECORDINGS })]);
});
afterAll(async () => {
  await Promise.all([v3.close(), v2.close()]);
  await removeTempDirs();
});

describe('GET /logged-models/{id}: detected, not assumed', () => {
  it('tells a 3.x model, a model the server lacks, and a 2.x server without the endpoint apart', async () => {
    const three = createMlflowClient({ baseUrl: v3.url, backoffMs: 1 });
    expect(await three.getLoggedModel('m-123')).toMatchObject({ kind: 'found', info: { source_run_id: A1, status: 'LOGGED_MODEL_READY' } });
    expect(await three.getLoggedModel('m-999')).toEqual({ kind: 'missing' });
    // MLflow 2.12 has no such route: Flask's HTML 404, not RESOURCE_DOES_NOT_EXIST.
    const two = await createMlflowClient({ baseUrl: v2.url, backoffMs: 1 }).getLoggedModel('m-123');
    expect(two).toMatchObject({ kind: 'unsupported', reason: expect.stringContaining('HTTP 404') });
  });
});

describe('logged models in the snapshot', () => {
  it('REST: each version names m-123 and gets it with its run, asked once', async () => {
    const { stub, source } = await stubAndSource({ recordings: MLFLOW3_RECORDINGS });
    try {
      const [model] = (await source.snapshot()).models;
      expect(model?.versions.map((v) => [v.version, v.runId, v.modelId, v.loggedModel])).toEqual([
        ['10', null, 'm-123', LOGGED],
        ['1', A1, 'm-123', LOGGED],
      ]);
      expect(callsTo(stub, 'logged-models/m-123')).toHaveLength(1);
      expect((await source.health()).details.loggedModels).toBe('yes (MLflow 3)');
    } finally {
      await stub.close();
    }
  });

  it('SQLite: read from the logged_models table, like the server answers', async () => {
    const [model] = (await createMlflowStoreSource({ kind: 'sqlite', path: await buildDb(MLFLOW3_SQL) }).snapshot()).models;
    expect(model?.versions.find((v) => v.version === '10')).toMatchObject({ runId: null, modelId: 'm-123', loggedModel: LOGGED });
  });

  it('a 2.x server is not asked for logged models when no version names one', async () => {
    const { stub, source } = await stubAndSource({ recordings: GROOT_RECORDINGS });
    try {
      const [model] = (await source.snapshot()).models;
      expect(model?.versions.every((v) => v.modelId === null && v.loggedModel === undefined)).toBe(true);
      expect(stub.requests.filter((r) => r.path.includes('logged-models'))).toEqual([]);
      expect((await source.health()).details.loggedModels).toMatch(/^not needed/);
    } finally {
      await stub.close();
    }
  });

  it('a server without the endpoint is probed once; the versions keep their model id and no logged model', async () => {
    const { stub, source } = await stubAndSource({ recordings: MLFLOW3_RECORDINGS });
    try {
      stub.setFault({ status: 404, body: '<!doctype html><title>404 Not Found</title>', contentType: 'text/html', match: 'logged-models' });
      const [model] = (await source.snapshot()).models;
      expect(model?.versions.map((v) => [v.modelId, v.loggedModel])).toEqual([['m-123', undefined], ['m-123', undefined]]);
      expect(callsTo(stub, 'logged-models/m-123')).toHaveLength(1);
      const health = await source.health();
      expect(health.problems.filter((p) => p.where === 'logged models')).toEqual([]);
      expect(health.details.loggedModels).toMatch(/^no \(the server has no logged-models endpoint/);
    } finally {
      await stub.close();
    }
  });

  it('a failing logged-models endpoint is a problem on /health; the registry is still read', async () => {
    const { stub, source } = await stubAndSource({ recordings: MLFLOW3_RECORDINGS });
    try {
      stub.setFault({ status: 500, body: '{"error_code":"INTERNAL_ERROR","message":"boom"}', contentType: 'application/json', match: 'logged-models' });
      const [model] = (await source.snapshot()).models;
      expect(model?.versions.map((v) => v.version)).toEqual(['10', '1']);
      expect((await source.health()).problems).toContainEqual({ where: 'logged models', message: expect.stringContaining('HTTP 500') });
    } finally {
      await stub.close();
    }
  });
});
