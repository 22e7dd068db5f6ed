import type { ExperimentRun, LineageRun } from '@/lib/model';

/** Slack around time windows: MLflow and OpenLineage clocks are read separately. */
const WINDOW_SLACK_MS = 60_000;

function window(startMs: number | null, endMs: number | null, now: number): [number, number] | null {
  if (startMs === null || !Number.isFinite(startMs)) return null;
  return [startMs - WINDOW_SLACK_MS, (endMs !== null && Number.isFinite(endMs) ? endMs : now) + WINDOW_SLACK_MS];
}

const parse = (iso: string | null) => (iso ? Date.parse(iso) : null);

const datasetKey = (namespace: string, name: string, version: string) => `${namespace}\u0000${name}\u0000${version}`;

/**
 * Versioned datasets a lineage run read or wrote that some experiment run logged, as key → "namespace/name@version",
 * in the run's order. Only those are built: a run reading 100,000 datasets costs a lookup each, not a label each.
 */
function sharedKeys(run: LineageRun, logged: ReadonlyMap<string, unknown>): Map<string, string> {
  const keys = new Map<string, string>();
  for (const list of [run.inputs, run.outputs]) {
    for (const d of list) {
      if (!d.version) continue;
      const key = datasetKey(d.namespace, d.name, d.version);
      if (logged.has(key) && !keys.has(key)) keys.set(key, `${d.namespace}/${d.name}@${d.version}`);
    }
  }
  return keys;
}

function experimentKeys(run: ExperimentRun): Set<string> {
  return new Set(run.datasets.flatMap((d) => (d.namespace && d.olName && d.digest ? [datasetKey(d.namespace, d.olName, d.digest)] : [])));
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
  // Index experiment runs by dataset version, so each lineage run meets only runs that share one.
  const byKey = new Map<string, Array<{ run: ExperimentRun; window: [number, number] }>>();
  for (const run of experimentRuns) {
    const w = window(run.startTime, run.endTime, now);
    if (w === null) continue;
    for (const key of experimentKeys(run)) byKey.set(key, [...(byKey.get(key) ?? []), { run, window: w }]);
  }
  if (byKey.size === 0) return [];
  const candidates = new Map<LineageRun, DatasetSuggestion[]>();
  const claims = new Map<ExperimentRun, number>();
  for (const lineage of lineageRuns) {
    const lw = window(parse(lineage.startedAt), parse(lineage.endedAt), now);
    if (lw === null) continue;
    const shared = new Map<ExperimentRun, string[]>();
    for (const [key, label] of sharedKeys(lineage, byKey)) {
      for (const e of byKey.get(key) ?? []) {
        if (e.window[0] > lw[1] || lw[0] > e.window[1]) continue;
        shared.set(e.run, [...(shared.get(e.run) ?? []), label]);
      }
    }
    for (const [experiment, labels] of shared) {
      candidates.set(lineage, [...(candidates.get(lineage) ?? []), { lineage, experiment, shared: labels }]);
      claims.set(experiment, (claims.get(experiment) ?? 0) + 1);
    }
  }
  const unambiguous: DatasetSuggestion[] = [];
  for (const [only, ...others] of candidates.values()) {
    if (only && others.length === 0 && claims.get(only.experiment) === 1) unambiguous.push(only);
  }
  return unambiguous;
}
