import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';

/** Scenario A as recorded by the real MLflow 2.12.2 (see ../shared/data/groot-a/README.md). */
export const GROOT = path.resolve(process.cwd(), '..', 'shared', 'data', 'groot-a');
export const GROOT_DB = path.join(GROOT, 'mlflow-server', 'mlflow.db');
export const GROOT_REST = path.join(GROOT, 'mlflow-server', 'rest');
export const GROOT_MLRUNS = path.join(GROOT, 'mlruns');
export const FIXTURES = path.resolve(process.cwd(), 'tests', 'fixtures', 'mlflow-store');

export async function readJson(file: string): Promise<unknown> {
  return JSON.parse(await fs.readFile(file, 'utf8'));
}

export async function readJsonAs<T>(file: string, schema: z.ZodType<T>): Promise<T> {
  return schema.parse(await readJson(file));
}

const created = new Set<string>();

export async function tempDir(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `runlens-mlflow-store-${prefix}-`));
  created.add(dir);
  return dir;
}

/** For afterAll: removes the temp folders this test file created. */
export async function removeTempDirs(): Promise<void> {
  await Promise.all([...created].map((dir) => fs.rm(dir, { recursive: true, force: true })));
  created.clear();
}

/** Creates a database from a fixture SQL script (schema + rows) in a fresh temp folder. */
export async function buildDb(sqlFixture: string, fileName = 'mlflow.db'): Promise<string> {
  const dir = await tempDir('mlflow-db');
  const file = path.join(dir, fileName);
  const db = new Database(file);
  db.exec(await fs.readFile(path.join(FIXTURES, sqlFixture), 'utf8'));
  db.close();
  return file;
}

/** Copies a fixture folder tree into a temp folder, so tests may change it. */
export async function copyTree(source: string, prefix: string): Promise<string> {
  const dir = path.join(await tempDir(prefix), path.basename(source));
  await fs.cp(source, dir, { recursive: true });
  return dir;
}

/** Fields of the recorded REST answers that these tests compare against. */
const kv = z.array(z.object({ key: z.string(), value: z.string() })).nullish();
export const restRunSchema = z.object({
  run: z.object({
    info: z.object({
      run_uuid: z.string(),
      experiment_id: z.string(),
      run_name: z.string(),
      user_id: z.string(),
      status: z.string(),
      start_time: z.number(),
      end_time: z.number().nullish(),
      artifact_uri: z.string(),
      lifecycle_stage: z.string(),
    }),
    data: z.object({
      metrics: z.array(z.object({ key: z.string(), value: z.number(), timestamp: z.number(), step: z.number() })).nullish(),
      params: kv,
      tags: kv,
    }),
    inputs: z.object({
      dataset_inputs: z
        .array(
          z.object({
            tags: kv,
            dataset: z.object({ name: z.string(), digest: z.string(), source_type: z.string(), source: z.string() }),
          }),
        )
        .nullish(),
    }),
  }),
});

export const restHistorySchema = z.object({
  metrics: z.array(z.object({ key: z.string(), value: z.number(), timestamp: z.number(), step: z.number() })).default([]),
});

export const restModelSchema = z.object({
  registered_model: z.object({
    name: z.string(),
    description: z.string(),
    creation_timestamp: z.number(),
    last_updated_timestamp: z.number(),
  }),
});

export const runsIndexSchema = z.object({
  runs: z.array(z.object({ label: z.string(), run_id: z.string(), metric_keys: z.array(z.string()) })),
});

const dataRef = z.object({ uri: z.string(), version: z.string(), mlflow_dataset_name: z.string(), context: z.string() });
const expectedRun = z.object({
  mlflow_run_id: z.string(),
  run_name: z.string(),
  stage: z.string(),
  status: z.string(),
  start_time: z.number(),
  end_time: z.number(),
  parent_run_id: z.string().nullable(),
  openlineage_tags: z.record(z.string(), z.string()),
  data: z.object({ inputs: z.array(dataRef), outputs: z.array(dataRef) }),
});
const expectedModel = z.object({
  name: z.string(),
  version: z.string(),
  status: z.string(),
  aliases: z.array(z.string()),
  source_run_id: z.string(),
  source: z.string(),
  creation_timestamp: z.number(),
  tags: z.record(z.string(), z.string()),
});
const expectedStage = z.object({
  stage: z.string(),
  mlflow_run_id: z.string(),
  mlflow_status: z.string(),
  params: z.record(z.string(), z.string()),
  mlflow_data: z.object({ inputs: z.array(dataRef), outputs: z.array(dataRef) }),
});
const expectedExecution = z.object({
  pipeline: z.object({ mlflow_run_id: z.string(), mlflow_status: z.string(), params: z.record(z.string(), z.string()) }),
  stages: z.array(expectedStage),
});
const expectedSection = z.object({
  experiment: z.object({ experiment_id: z.string(), name: z.string() }),
  mlflow_runs: z.array(expectedRun),
  models: z.array(expectedModel),
  executions: z.array(expectedExecution),
});
export const expectedSchema = expectedSection.extend({ file_store: expectedSection });
export type ExpectedSection = z.infer<typeof expectedSection>;

export async function readExpected(): Promise<z.infer<typeof expectedSchema>> {
  return readJsonAs(path.join(GROOT, 'EXPECTED.json'), expectedSchema);
}

/** [key, value] pairs → record, as the REST API lists params and tags. */
export function toRecord(pairs: { key: string; value: string }[] | null | undefined): Record<string, string> {
  return Object.fromEntries((pairs ?? []).map((p) => [p.key, p.value]));
}
