import 'server-only';
import type { ModelVersion } from '@/lib/model';

/** MLflow marks a deleted model version with this stage (both stores) and hides it from every API. */
export const DELETED_STAGE = 'Deleted_Internal';

/** Newest version first, by number (MLflow versions are integers). */
export function compareVersionsDesc(a: ModelVersion, b: ModelVersion): number {
  return Number(b.version) - Number(a.version) || b.version.localeCompare(a.version);
}
