import type { DatasetRef, JobRef } from '@/lib/model';

// Parts are URI-encoded so ':' inside a namespace (postgres://host:5432, s3://bucket) can never make
// two different refs share an id. Ids are built, never parsed: nodes carry namespace and name.
const part = (s: string): string => encodeURIComponent(s);

export function jobNodeId(ref: JobRef): string {
  return `job:${part(ref.namespace)}:${part(ref.name)}`;
}

export function datasetNodeId(ref: DatasetRef): string {
  return `dataset:${part(ref.namespace)}:${part(ref.name)}`;
}
