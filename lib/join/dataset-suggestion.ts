import type { ExperimentRun, LineageRun } from '@/lib/model';

/** Slack around time windows: MLflow and OpenLineage clocks are read separately. */
const WINDOW_SLACK_MS = 60_000;

function window(startMs: number | null, endMs: number | null, now: number): [number, number] | null {
  if (startMs === null || !Number.isFinite(startMs)) return null;
  return [startMs - WINDOW_SLACK_MS, (endMs !== null && Number.isFinite(endMs) ? endMs : now) + WINDOW_SLACK_MS];
}

const parse = (iso: string | null) => (iso ? Date.parse(iso) : null);

/** Versioned datasets a lineage run read or wrote, as `namespace␀name␀version` keys. */
function lineageKeys(run: LineageRun): Map<string, string> {
  const keys = new Map<string, string>();
  for (const d of [...run.inputs, ...run.outputs]) {
    if (d.version) keys.set(`${d.namespace}\u0000${d.name}\u0000${d.version}`, `${d.namespace}/${d.name}@${d.version}`);
  }
  return keys;
}

function experimentKeys(run: ExperimentRun): Set<string> {
  return new Set(run.datasets.filter((d) => d.namespace && d.olName && d.digest).map((d) => `${d.namespace}\u0000${d.olName}\u0000${d.digest}`));
}

export interface DatasetSuggestion {
  lineage: LineageRun;
  experiment: ExperimentRun;
  /** The shared datasets, "namespace/name@version". */
  shared: string[];
}

/**
 * The `dataset` rule: an unmatched lineage run and an unmatched experiment run that logged the same dataset
 * version in overlapping time windows. Only unambiguous pairs (each the other's single candidate) are suggested.
 */
export function suggestByDataset(lineageRuns: LineageRun[], experimentRuns: ExperimentRun[], now: number): DatasetSuggestion[] {
  const experiments = experimentRuns.map((run) => ({ run, keys: experimentKeys(run), window: window(run.startTime, run.endTime, now) }))
    .filter((e) => e.keys.size > 0 && e.window !== null);
  const candidates = new Map<LineageRun, DatasetSuggestion[]>();
  const claims = new Map<ExperimentRun, number>();
  for (const lineage of lineageRuns) {
    const keys = lineageKeys(lineage);
    const lw = window(parse(lineage.startedAt), parse(lineage.endedAt), now);
    if (keys.size === 0 || lw === null) continue;
    for (const e of experiments) {
      if (e.window === null || e.window[0] > lw[1] || lw[0] > e.window[1]) continue;
      const shared = [...keys].filter(([key]) => e.keys.has(key)).map(([, label]) => label);
      if (shared.length === 0) continue;
      candidates.set(lineage, [...(candidates.get(lineage) ?? []), { lineage, experiment: e.run, shared }]);
      claims.set(e.run, (claims.get(e.run) ?? 0) + 1);
    }
  }
  return [...candidates.values()].filter((list) => list.length === 1 && claims.get(list[0]!.experiment) === 1).map((list) => list[0]!);
}
