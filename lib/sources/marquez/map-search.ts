import 'server-only';
import type { LineageSearchHit } from '@/lib/model';
import type { WireSearchResult } from './schemas';

/** Pure: Marquez search results as hits; result types Runlens does not know are left out. */
export function mapSearchResults(results: readonly WireSearchResult[]): LineageSearchHit[] {
  const hits: LineageSearchHit[] = [];
  for (const r of results) {
    const type = r.type.toUpperCase();
    if (type === 'JOB' || type === 'DATASET') hits.push({ kind: type === 'JOB' ? 'job' : 'dataset', namespace: r.namespace, name: r.name });
  }
  return hits;
}
