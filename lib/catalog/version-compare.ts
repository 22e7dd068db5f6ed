import type { DatasetVersionRow } from './dataset-page-model';

/** One version of a dataset as the dataset page's compare picker offers it. */
export interface VersionChoice {
  key: string;
  label: string;
  /** The run that wrote it (null for a raw input, or a writer that is not loaded). */
  writerId: string | null;
  /** Runs that read it, as loaded. */
  readerIds: string[];
}

/**
 * The versions a person may pick two of to compare the runs that used them: written versions with
 * their writer and readers, or, for a raw input, each version read with the runs that read it.
 */
export function versionChoices(versions: DatasetVersionRow[], rawReaders: Array<{ id: string; version: string | null }>): VersionChoice[] {
  if (versions.length > 0) {
    return versions.map((v) => ({ key: v.id, label: v.version ?? `no version (${v.createdAt})`, writerId: v.createdBy?.id ?? null, readerIds: v.readBy.map((r) => r.id) }));
  }
  const byVersion = new Map<string, string[]>();
  for (const r of rawReaders) {
    const label = r.version ?? 'no version reported';
    byVersion.set(label, [...(byVersion.get(label) ?? []), r.id]);
  }
  return [...byVersion].map(([label, readerIds]) => ({ key: label, label, writerId: null, readerIds }));
}
