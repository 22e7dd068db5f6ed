import 'server-only';
import type { DatasetRef, JobRef } from '@/lib/model';

/**
 * Marquez node ids (`job:<namespace>:<name>`, `dataset:<namespace>:<name>`, a version after `#`),
 * built for the `nodeId` query parameter only. Namespaces hold ':' (postgres://host:5432), so ids
 * are never split; URLSearchParams encodes ':', '/' and '#' when the id is sent.
 */
export function marquezJobNodeId(ref: JobRef, version?: string): string {
  return withVersion(`job:${ref.namespace}:${ref.name}`, version);
}

export function marquezDatasetNodeId(ref: DatasetRef, version?: string): string {
  return withVersion(`dataset:${ref.namespace}:${ref.name}`, version);
}

export function marquezDatasetFieldNodeId(ref: DatasetRef, field: string): string {
  return `datasetField:${ref.namespace}:${ref.name}:${field}`;
}

function withVersion(id: string, version: string | undefined): string {
  return version === undefined ? id : `${id}#${version}`;
}
