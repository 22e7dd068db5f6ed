import fs from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { RegisteredModel } from '@/lib/model';
import { mapRegistry } from '@/lib/sources/mlflow/map-registry';
import { createMlflowStoreSource } from '@/lib/sources/mlflow-store';
import { copyTree, GROOT_DB, GROOT_MLRUNS, removeTempDirs, tempDir } from './helpers';

// The model registry as MLflow stores and serves it, with credentials in the places users put them: a version
// source with userinfo or a signed URL, a description with a connection string, secret-named tags.
afterAll(removeTempDirs);

const SECRET = 'wJalrXUtnFEMI-sentinel-7c1d';
const SOURCE_WITH_USERINFO = `s3://AKIAEXAMPLE:${SECRET}@models-bucket/groot/tokenizer`;
const SIGNED_SOURCE = `https://models.example.com/groot/tokenizer?X-Amz-Expires=300&X-Amz-Signature=${SECRET}&token=${SECRET}`;
const DESCRIPTION = `trained from postgres://etl:${SECRET}@db.internal/dw (password=${SECRET})`;
const TAGS = { aws_secret_access_key: SECRET, team: 'data' };

function expectRedacted(models: RegisteredModel[]): void {
  expect(JSON.stringify(models)).not.toContain(SECRET);
  const [model] = models;
  expect(model?.description).toBe('trained from postgres://etl:[redacted]@db.internal/dw (password=[redacted])');
  expect(model?.tags).toMatchObject({ aws_secret_access_key: '[redacted]', team: 'data' });
  const sources = model!.versions.map((v) => v.source);
  expect(sources).toContain('s3://AKIAEXAMPLE:[redacted]@models-bucket/groot/tokenizer');
  for (const v of model!.versions) expect(v.tags).toMatchObject({ aws_secret_access_key: '[redacted]' });
}

describe('MLflow model registry redaction', () => {
  it('redacts a tracking server registry: descriptions, tags, version sources (userinfo and signed query values)', () => {
    const tags = Object.entries(TAGS).map(([key, value]) => ({ key, value }));
    const models = mapRegistry({
      models: [{ name: 'groot-tokenizer', description: DESCRIPTION, tags }],
      details: new Map(),
      versions: [
        { name: 'groot-tokenizer', version: '1', source: SOURCE_WITH_USERINFO, description: DESCRIPTION, tags },
        { name: 'groot-tokenizer', version: '2', source: SIGNED_SOURCE, tags },
      ],
    });
    expectRedacted(models);
    expect(models[0]?.versions[0]?.source).toBe('https://models.example.com/groot/tokenizer?X-Amz-Expires=300&X-Amz-Signature=[redacted]&token=[redacted]');
    expect(models[0]?.versions[1]?.description).toBe(models[0]?.description);
  });

  it('redacts the SQLite store registry (tags rows carry the model name, not the tag key, as `name`)', async () => {
    const file = path.join(await tempDir('registry-sqlite'), 'mlflow.db');
    await fs.copyFile(GROOT_DB, file);
    const db = new Database(file);
    db.prepare('update registered_models set description = ?').run(DESCRIPTION);
    db.prepare('update model_versions set description = ?, source = ?').run(DESCRIPTION, SOURCE_WITH_USERINFO);
    const [version] = db.prepare('select name, version from model_versions').all() as { name: string; version: number }[];
    for (const [key, value] of Object.entries(TAGS)) {
      db.prepare('insert or replace into registered_model_tags (name, key, value) values (?, ?, ?)').run(version!.name, key, value);
      db.prepare('insert or replace into model_version_tags (name, version, key, value) values (?, ?, ?, ?)').run(version!.name, version!.version, key, value);
    }
    db.close();
    const snapshot = await createMlflowStoreSource({ kind: 'sqlite', path: file }).snapshot();
    expectRedacted(snapshot.models);
  });

  it('redacts the file store registry (mlruns/models)', async () => {
    const root = await copyTree(GROOT_MLRUNS, 'registry-files');
    const modelDir = path.join(root, 'models', 'groot-tokenizer');
    const swap = async (file: string, from: RegExp, to: string) => fs.writeFile(file, (await fs.readFile(file, 'utf8')).replace(from, to));
    await swap(path.join(modelDir, 'meta.yaml'), /^description: .*$/m, `description: '${DESCRIPTION}'`);
    await swap(path.join(modelDir, 'version-1', 'meta.yaml'), /^source: .*$/m, `source: '${SOURCE_WITH_USERINFO}'`);
    for (const [key, value] of Object.entries(TAGS)) {
      await fs.writeFile(path.join(modelDir, 'tags', key), value);
      await fs.writeFile(path.join(modelDir, 'version-1', 'tags', key), value);
    }
    const snapshot = await createMlflowStoreSource({ kind: 'file', path: root }).snapshot();
    expectRedacted(snapshot.models);
  });
});
