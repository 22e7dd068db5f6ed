import 'server-only';
import type { ExperimentSource } from '@/lib/sources/ports';
import { createFileStoreSource } from './file-store/source';
import { createSqliteSource } from './sqlite/source';

/** An absolute path; parsing MLFLOW_TRACKING_URI into one is lib/env.ts's job. */
export type MlflowStoreLocation = { kind: 'sqlite'; path: string } | { kind: 'file'; path: string };

/** Reads an MLflow backend store directly: a SQLite `mlflow.db` (read-only) or an `mlruns/` file store. */
export function createMlflowStoreSource(location: MlflowStoreLocation): ExperimentSource {
  return location.kind === 'sqlite' ? createSqliteSource(location.path) : createFileStoreSource(location.path);
}
