import 'server-only';
import { getSources } from '@/lib/sources';
import type { RunIndex } from './run-index';

/** The sources a lookup went through, named for a not-found message. */
export function searchedSources(index: RunIndex): string {
  const sources = getSources();
  const names = [...sources.lineage.map((s) => s.id), ...sources.experiment.map((s) => s.id)];
  const failed = index.failures.map((f) => f.source);
  if (names.length === 0) return 'no source (none is configured)';
  const list = names.map((n) => (failed.includes(n) ? `${n} (unavailable)` : n)).join(', ');
  return `the configured sources: ${list}`;
}
