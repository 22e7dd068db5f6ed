import 'server-only';
import type { SourceHealth } from '@/lib/model';
import type { EnvProblem } from '@/lib/env';
import { cacheHealth, type CacheHealth } from '@/lib/cache';
import { breakerViews, type BreakerView } from '@/lib/http/breaker';
import { getSources } from '@/lib/sources';
import { redactDeep } from '@/lib/security/secrets';
import { getProcessIndex, replicaName, syncProgress, type SyncProgressView } from '@/lib/index/process-index';
import { withSyncedRuns } from './health-sync-counts';

async function indexHealth(): Promise<HealthReport['index']> {
  try {
    const index = await getProcessIndex();
    return { dialect: index.dialect, location: index.location, problem: index.problem, replica: replicaName(), sync: await syncProgress(index) };
  } catch (error) {
    return { error: `The run index could not be opened: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unconfigured';
  envProblems: EnvProblem[];
  sources: SourceHealth[];
  /** Memory only, or memory in front of Redis (REDIS_URL); a Redis that fails makes this degraded. */
  cache: CacheHealth;
  /** The circuit breaker of each upstream called so far, by the name lib/http knows it by ("Marquez", "MLflow"). */
  breakers: BreakerView[];
  /** The run index: where it is, and each source's syncer (backfill progress, errors, which replica syncs it). */
  index: { dialect: string; location: string; problem: string | null; replica: string; sync: SyncProgressView[] } | { error: string };
  checkedAt: string;
}

/** One line for the source's card: `open since …; next try after …`. */
export function breakerLine(b: BreakerView): string {
  const parts: string[] = [b.state];
  if (b.consecutiveFailures > 0) parts.push(`${b.consecutiveFailures} failed call${b.consecutiveFailures === 1 ? '' : 's'} in a row`);
  if (b.failingSince) parts.push(`failing since ${b.failingSince}`);
  if (b.retryAt) parts.push(`next try after ${b.retryAt}`);
  return parts.join('; ');
}

/** The breaker of a source's upstream: its label starts with the upstream's name ("MLflow tracking server" → "MLflow"). */
function withBreaker(health: SourceHealth, breakers: BreakerView[]): SourceHealth {
  const breaker = breakers.find((b) => health.label === b.source || health.label.startsWith(`${b.source} `));
  return breaker ? { ...health, details: { ...health.details, circuitBreaker: breakerLine(breaker) } } : health;
}

function failedHealth(id: string, kind: SourceHealth['kind'], error: unknown): SourceHealth {
  return { id, label: id, kind, configured: true, location: null, status: 'unavailable', counts: {}, problems: [],
    error: error instanceof Error ? error.message : String(error), details: {}, checkedAt: new Date().toISOString() };
}

export async function getHealth(): Promise<HealthReport> {
  const sources = getSources();
  const checks = [
    ...sources.lineage.map((s) => s.health().catch((e: unknown) => failedHealth(s.id, 'lineage', e))),
    ...sources.experiment.map((s) => s.health().catch((e: unknown) => failedHealth(s.id, 'experiment', e))),
  ];
  const checked = await Promise.all(checks);
  const breakers = breakerViews();
  const index = await indexHealth();
  const sync = new Map('sync' in index ? index.sync.map((s) => [s.source, s]) : []);
  const all = [...checked.map((h) => withSyncedRuns(withBreaker(h, breakers), sync.get(h.id))), ...sources.unusable];
  const cache = cacheHealth();
  const syncFailing = 'sync' in index && index.sync.some((s) => s.lastError !== null);
  const bad = all.some((s) => s.status !== 'ok') || sources.envProblems.length > 0 || cache.status !== 'ok' || 'error' in index || syncFailing;
  // Source, cache and sync errors may quote what an upstream, Redis, a database or a file said.
  return redactDeep({
    status: all.length === 0 ? 'unconfigured' : bad ? 'degraded' : 'ok',
    envProblems: sources.envProblems,
    sources: all,
    cache,
    breakers,
    index,
    checkedAt: new Date().toISOString(),
  });
}
