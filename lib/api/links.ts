/** The permalink of a run page; W&B ids (entity/project/runId) keep their slashes as path segments. */
export function runHref(id: string): string {
  return `/runs/${id.split('/').map(encodeURIComponent).join('/')}`;
}

/** The dataset page; namespace and name are one encoded segment each (names may contain '/', namespaces ':'). */
export function datasetHref(namespace: string, name: string): string {
  return `/datasets/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
