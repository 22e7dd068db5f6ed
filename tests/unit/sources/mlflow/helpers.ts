import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import type { ExperimentRun } from '@/lib/model';
import { createMlflowRestSource, type MlflowRestSourceOptions } from '@/lib/sources/mlflow';
import { GROOT_RECORDINGS, MLFLOW3_RECORDINGS, startMlflowStub, type MlflowStub, type MlflowStubOptions } from '@/tests/stubs/mlflow';

/** `../shared` beside the checkout (vitest runs from the repo root). */
export function sharedPath(...parts: string[]): string {
  return path.resolve(process.cwd(), '..', 'shared', ...parts);
}

export const GROOT_DB = sharedPath('data', 'groot-a', 'mlflow-server', 'mlflow.db');
export { GROOT_RECORDINGS, MLFLOW3_RECORDINGS };
/** The SQLite store the 3.x-shaped fixtures describe. */
export const MLFLOW3_SQL = path.resolve(process.cwd(), 'tests', 'fixtures', 'mlflow-store', 'mlflow-3-like.sql');

const created: string[] = [];

/** Builds a SQLite database from a SQL script in a fresh temp folder. */
export async function buildDb(sqlFile: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'runlens-mlflow-rest-'));
  created.push(dir);
  const file = path.join(dir, 'mlflow.db');
  const db = new Database(file);
  db.exec(await fs.readFile(sqlFile, 'utf8'));
  db.close();
  return file;
}

export async function removeTempDirs(): Promise<void> {
  await Promise.all(created.splice(0).map((dir) => fs.rm(dir, { recursive: true, force: true })));
}

/** A stub and a REST source pointed at it; refresh on every snapshot() unless told otherwise. */
export async function stubAndSource(stub: MlflowStubOptions = {}, source: Partial<MlflowRestSourceOptions> = {}): Promise<{ stub: MlflowStub; source: ReturnType<typeof createMlflowRestSource> }> {
  const started = await startMlflowStub(stub);
  return { stub: started, source: createMlflowRestSource({ baseUrl: started.url, refreshIntervalMs: 0, backoffMs: 1, ...source }) };
}

/** Requests to one endpoint (path after /api/2.0/mlflow/ or /ajax-api/2.0/mlflow/). */
export function callsTo(stub: MlflowStub, endpoint: string): MlflowStub['requests'] {
  return stub.requests.filter((r) => r.path.endsWith(`/2.0/mlflow/${endpoint}`));
}


/** A run as another source reports it, relabelled as the REST source's, for toEqual. */
export function asRest(run: ExperimentRun): ExperimentRun {
  return { ...run, source: 'mlflow' };
}

/** stubAndSource for a test file: every stub it starts is closed after each test. */
export function stubsClosedAfterEach(): typeof stubAndSource {
  const open: MlflowStub[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((stub) => stub.close()));
  });
  return async (...args) => {
    const started = await stubAndSource(...args);
    open.push(started.stub);
    return started;
  };
}
