import 'server-only';
import { displayUrl } from './client';

/** The run's page in the MLflow UI (hash routing), for the run page's "open in MLflow" link. No credentials. */
export function mlflowRunUrl(baseUrl: string, experimentId: string, runId: string): string {
  return `${displayUrl(baseUrl)}/#/experiments/${encodeURIComponent(experimentId)}/runs/${encodeURIComponent(runId)}`;
}
