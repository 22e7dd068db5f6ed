import 'server-only';
import type { RunIndex } from './run-index';

const storeIds = new WeakMap<object, number>();
let nextStoreId = 0;

/**
 * What answers computed from the run index are keyed by, besides their own parameters: which index (a
 * process has one; tests many), how far each source's syncer has read (a new or changed run moves it) and
 * which sources fail (a recovered source must not keep a degraded answer). The answers' TTL covers the
 * rest (events received by POST /api/v1/lineage, upstream answers).
 */
export function indexVersion(index: RunIndex): string {
  let id = storeIds.get(index.store);
  if (id === undefined) storeIds.set(index.store, (id = ++nextStoreId));
  const synced = index.sync.map((s) => `${s.source}=${s.indexed}/${s.phase}`).join(',');
  const failing = index.failures.map((f) => f.source).sort().join(',');
  return `${id}|${synced}|${failing}`;
}
