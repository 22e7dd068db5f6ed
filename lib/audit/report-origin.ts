import type { Facets, UnifiedRun } from '@/lib/model';
import { toUtcIso } from '@/lib/openlineage/time';

/** Run facets already shown elsewhere in the report (identity, params, failure), left out of `environment`. */
const SHOWN_ELSEWHERE = new Set(['parent', 'mlflow', 'tags', 'executionParameters', 'errorMessage', 'nominalTime']);
const HOST_VARIABLES = ['HOSTNAME', 'HOST', 'COMPUTERNAME', 'NODE_NAME', 'K8S_NODE_NAME'];

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function hostFromVariables(facets: Facets): string | null {
  const list = record(facets.environmentVariables)?.environmentVariables;
  if (!Array.isArray(list)) return null;
  for (const name of HOST_VARIABLES) {
    const hit = list.map(record).find((v) => v?.name === name && typeof v.value === 'string' && v.value !== '');
    if (hit) return String(hit.value);
  }
  return null;
}

/** A custom facet's `hostname` / `host` field (producers name such facets freely). */
function hostFromFacets(facets: Facets): { host: string; facet: string } | null {
  for (const [name, facet] of Object.entries(facets).sort(([a], [b]) => a.localeCompare(b))) {
    const fields = record(facet);
    for (const field of ['hostname', 'host', 'hostName']) {
      const value = fields?.[field];
      if (typeof value === 'string' && value !== '') return { host: value, facet: `${name}.${field}` };
    }
  }
  return null;
}

/** Who ran it and where: the MLflow user, a host from the run facets; each with where it came from. */
export function originOf(run: UnifiedRun): { user: string | null; host: string | null; evidence: string[] } {
  const evidence: string[] = [];
  let user: string | null = null;
  if (run.experiment?.userId) {
    user = run.experiment.userId;
    evidence.push('user: MLflow run user_id');
  } else if (run.experiment?.tags['mlflow.user']) {
    user = run.experiment.tags['mlflow.user'];
    evidence.push('user: MLflow tag mlflow.user');
  }
  const facets = run.lineage?.facets ?? {};
  let host = hostFromVariables(facets);
  if (host !== null) evidence.push('host: OpenLineage environmentVariables run facet');
  else {
    const found = hostFromFacets(facets);
    if (found) {
      host = found.host;
      evidence.push(`host: OpenLineage run facet ${found.facet}`);
    }
  }
  return { user, host, evidence };
}

/** Run facets about where and how the run executed (processing_engine, environmentVariables, custom ones). */
export function environmentOf(run: UnifiedRun): Record<string, unknown> {
  const facets = run.lineage?.facets ?? {};
  return Object.fromEntries(Object.entries(facets).filter(([name]) => !SHOWN_ELSEWHERE.has(name)));
}

/** The `nominalTime` run facet's start, when reported, in UTC (`Z`) like every time of the report. */
export function nominalStartOf(run: UnifiedRun): string | null {
  const value = record(run.lineage?.facets.nominalTime)?.nominalStartTime;
  return typeof value === 'string' ? toUtcIso(value) : null;
}
