import 'server-only';

export { createMlflowRestSource, MLFLOW_SOURCE_LABEL, type MlflowRestSource, type MlflowRestSourceOptions } from './source';
export { createMlflowClient, authHeader, displayUrl, MLFLOW_LABEL, type MlflowClient, type MlflowClientOptions } from './client';
export { MLFLOW_SOURCE_ID } from './map-run';
export { mlflowRunUrl } from './run-url';
export type { RunArtifact, RunArtifacts } from './map-artifacts';
