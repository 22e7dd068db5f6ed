import type { DatasetRef } from './lineage';

/**
 * A dataset's namespace and name joined as the OpenLineage naming spec writes its URI: a path name
 * follows an authority directly (`hdfs://host:8020` + `/warehouse/t` → `hdfs://host:8020/warehouse/t`),
 * the bare `file` namespace of a local path becomes `file://` (`file:///tmp/x`), and any other name
 * follows a `/` (`postgres://host:5432/db.schema.table`, `s3://bucket/key`).
 */
export function datasetUriParts(ref: { namespace: string | null; name: string }): { prefix: string; name: string } {
  const { namespace, name } = ref;
  if (!namespace) return { prefix: '', name };
  if (name.startsWith('/')) {
    if (!namespace.includes(':')) return { prefix: `${namespace}://`, name };
    return { prefix: namespace.replace(/\/+$/, ''), name };
  }
  return { prefix: namespace.endsWith('/') ? namespace : `${namespace}/`, name };
}

/** The whole URI (see datasetUriParts); the bare name when there is no namespace (an MLflow dataset without a URI). */
export function datasetUri(ref: DatasetRef | { namespace: string | null; name: string }): string {
  const { prefix, name } = datasetUriParts(ref);
  return `${prefix}${name}`;
}
