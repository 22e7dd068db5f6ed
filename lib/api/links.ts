import type { NodeRef } from '@/lib/graph/explorer-node-param';
import { explorerPath, type ExplorerView } from '@/lib/graph/explorer-url';
import type { ChartAxis } from '@/lib/series/chart-axis';

/** The permalink of a run page; W&B ids (entity/project/runId) keep their slashes as path segments. */
export function runHref(id: string): string {
  return `/runs/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** The dataset page; namespace and name are one encoded segment each (names may contain '/', namespaces ':'). */
export function datasetHref(namespace: string, name: string): string {
  return `/datasets/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** The job page; like datasets, namespace and name are one encoded segment each. */
export function jobHref(namespace: string, name: string): string {
  return `/jobs/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/**
 * The lineage explorer around a job or dataset; the URL grammar (node=kind:ns:name, depth, dir, …)
 * is built and parsed only in lib/graph/explorer-url.ts and explorer-query.ts.
 */
export function lineageHref(node: NodeRef | null, view: Partial<Omit<ExplorerView, 'node'>> = {}): string {
  return explorerPath({ ...view, node });
}

/** The model page; a version is a query parameter, so every version's trace has its own permalink. */
export function modelHref(name: string, version?: string | null): string {
  const base = `/models/${encodeURIComponent(name)}`;
  return version ? `${base}?version=${encodeURIComponent(version)}` : base;
}

/** The audit report of a run (any id) or of a model version (`model:<name>/<version>`). */
export function auditHref(id: string): string {
  return `/audit/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** The audit report as a download: `format` json or md (Markdown). */
export function auditDownloadHref(id: string, format: 'json' | 'md'): string {
  return `/api${auditHref(id)}?format=${format}`;
}

/**
 * The compare page of two to six runs (any ids /runs/ accepts), the first being the baseline; `all`
 * shows unchanged params too, `charts` names the metric histories overlaid (default: the page picks).
 */
export function compareHref(ids: string[], options: { all?: boolean; charts?: string[] | null; axis?: ChartAxis; offsets?: Partial<Record<string, number>> } = {}): string {
  const all = options.all ? '&all=1' : '';
  const charts = options.charts ? `&charts=${options.charts.map(encodeURIComponent).join(',')}` : '';
  const axis = options.axis && options.axis !== 'step' ? `&x=${options.axis}` : '';
  // The windows of the compare page's long lists (params, metrics, inputs, outputs, stages).
  const offsets = Object.entries(options.offsets ?? {}).flatMap(([list, at]) => (at ? [`&${encodeURIComponent(list)}=${at}`] : [])).join('');
  return `/compare?runs=${ids.map(encodeURIComponent).join(',')}${all}${charts}${axis}${offsets}`;
}
