import type { UnifiedRun } from '@/lib/model';
import { runEndMs, runStartMs, runStatus } from '@/lib/model/run-fields';

/** The list row of a run: only what the table shows, so the page ships little data. */
export function toRunRow(run: UnifiedRun) {
  return {
    id: run.id,
    job: run.lineage?.job.name ?? null,
    runName: run.experiment?.runName ?? null,
    experiment: run.experiment?.experimentName ?? null,
    status: runStatus(run),
    startMs: runStartMs(run),
    endMs: runEndMs(run),
    rule: run.link?.rule ?? null,
    linkDetail: run.link?.detail ?? null,
    unmatchedSide: run.link ? null : run.lineage ? ('lineage only' as const) : ('experiment only' as const),
    parentId: run.parentId,
    isChild: run.parentId !== null,
    childCount: run.childIds.length,
    metrics: Object.fromEntries(Object.entries(run.experiment?.metrics ?? {}).map(([k, p]) => [k, Number.isFinite(p.value) ? p.value : null])),
    params: run.experiment?.params ?? {},
  };
}

/** Only the values of the columns the table shows, so the page ships little data. */
export function withColumns(row: ReturnType<typeof toRunRow>, columns: readonly string[]) {
  const metrics: Record<string, number | null> = {};
  const params: Record<string, string> = {};
  for (const column of columns) {
    if (column.startsWith('metrics.')) {
      const key = column.slice('metrics.'.length);
      if (key in row.metrics) metrics[key] = row.metrics[key] ?? null;
    } else {
      const key = column.slice('params.'.length);
      const value = row.params[key];
      if (value !== undefined) params[key] = value;
    }
  }
  return { ...row, metrics, params };
}


