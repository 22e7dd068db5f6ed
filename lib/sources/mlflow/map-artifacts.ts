import 'server-only';
import { asNumber } from '@/lib/sources/mlflow-store/shared/coerce';
import type { WireFileInfo } from './schemas';

/** One entry of a run's artifact folder. */
export interface RunArtifact {
  /** Relative to the run's artifact root, e.g. "model/MLmodel". */
  path: string;
  isDir: boolean;
  /** Bytes; null for folders and when the server does not say. */
  fileSize: number | null;
}

export interface RunArtifacts {
  rootUri: string | null;
  files: RunArtifact[];
  /** Set when a page of the listing failed twice: the files are the ones before it. */
  partial?: string;
}

export function mapArtifacts(rootUri: string | null | undefined, files: readonly WireFileInfo[]): RunArtifacts {
  return {
    rootUri: rootUri ?? null,
    files: files.flatMap((f) => (typeof f.path === 'string' ? [{ path: f.path, isDir: f.is_dir === true, fileSize: asNumber(f.file_size) }] : [])),
  };
}
