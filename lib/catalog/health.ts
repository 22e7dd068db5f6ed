import 'server-only';
import type { SourceHealth } from '@/lib/model';
import type { EnvProblem } from '@/lib/env';
import { getSources } from '@/lib/sources';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'unconfigured';
  envProblems: EnvProblem[];
  sources: SourceHealth[];
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
  const bad = all.some((s) => s.status !== 'ok') || sources.envProblems.length > 0;
  return {
    status: all.length === 0 ? 'unconfigured' : bad ? 'degraded' : 'ok',
    envProblems: sources.envProblems,
    sources: all,
    checkedAt: new Date().toISOString(),
  };
}
