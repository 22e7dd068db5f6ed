import 'server-only';
import type { SourceHealth } from '@/lib/model';
import type { EnvProblem } from '@/lib/env';
import { cacheHealth, type CacheHealth } from '@/lib/cache';
import { getSources } from '@/lib/sources';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unconfigured';
  envProblems: EnvProblem[];
  sources: SourceHealth[];
  /** Memory only, or memory in front of Redis (REDIS_URL); a Redis that fails makes this degraded. */
  cache: CacheHealth;
  checkedAt: string;
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
  const all = [...(await Promise.all(checks)), ...sources.unusable];
  const cache = cacheHealth();
  const bad = all.some((s) => s.status !== 'ok') || sources.envProblems.length > 0 || cache.status !== 'ok';
  return {
    status: all.length === 0 ? 'unconfigured' : bad ? 'degraded' : 'ok',
    envProblems: sources.envProblems,
    sources: all,
    cache,
    checkedAt: new Date().toISOString(),
  };
}
