import 'server-only';
import { experimentRunKey, type ExperimentRun, type LineageRun, type UnifiedRun } from '@/lib/model';
import { idKey, joinRuns } from '@/lib/join';
import { createSingleflight } from '@/lib/cache/singleflight';
import { isSourceError } from '@/lib/http/source-error';
import { getSources, type ExperimentSnapshot, type LineageSnapshot } from '@/lib/sources';
import { runSortTime } from '@/lib/model/run-fields';

export interface SourceFailure {
  source: string;
  error: string;
  /** ISO time the source started failing, when it knows (remote sources do). */
  since?: string | null;
}

/** A source that loaded but skipped some input (malformed files, lines or rows): never hidden. */
export interface SourceWarning {
  source: string;
  label: string;
  problemCount: number;
}

/** Every run joined, newest first, with the lookups the pages need. Rebuilt only when a source's data changed. */
export interface RunIndex {
  runs: UnifiedRun[];
  byId: Map<string, UnifiedRun>;
  /** idKey of any id a user may paste (OpenLineage runId, MLflow run_id, W&B entity/project/runId) → canonical id. */
  lookup: Map<string, string>;
  lineage: LineageSnapshot[];
  experiment: ExperimentSnapshot[];
  failures: SourceFailure[];
  warnings: SourceWarning[];
}

let cached: { key: string; index: RunIndex } | null = null;

/** What a banner says about a source whose load threw: its message and, from lib/http, since when it fails. */
export function sourceFailure(source: string, reason: unknown): SourceFailure {
  const error = reason instanceof Error ? reason.message : String(reason);
  return { source, error, since: isSourceError(reason) ? reason.failingSince : null };
}

async function settle<S extends { id: string }, T>(sources: S[], load: (s: S) => Promise<T>) {
  const settled = await Promise.allSettled(sources.map(load));
  const ok: T[] = [];
  const failures: SourceFailure[] = [];
  settled.forEach((result, i) => {
    if (result.status === 'fulfilled') ok.push(result.value);
    else failures.push(sourceFailure(sources[i]?.id ?? 'unknown', result.reason));
  });
  return { ok, failures };
}

/** Sources that answered but report an error (e.g. an unreadable file) fail too; problems become warnings. */
async function sourceStates(failed: SourceFailure[]) {
  const sources = getSources();
  const all = [...sources.lineage, ...sources.experiment].filter((s) => !failed.some((f) => f.source === s.id));
  const healths = await Promise.all(all.map((s) => s.health().catch(() => null)));
  const failures = [...failed];
  const warnings: SourceWarning[] = [];
  for (const h of healths) {
    if (!h) continue;
    if (h.error) failures.push({ source: h.id, error: h.error, since: h.details.failingSince ?? null });
    if (h.problems.length > 0) warnings.push({ source: h.id, label: h.label, problemCount: h.problems.length });
  }
  for (const u of sources.unusable) failures.push({ source: u.id, error: u.error ?? 'not usable' });
  return { failures, warnings };
}

const refreshes = createSingleflight();

/** Concurrent callers share one refresh: a cold start must not index the same files twice. */
export function getRunIndex(): Promise<RunIndex> {
  return refreshes('run-index', buildRunIndex);
}

async function buildRunIndex(): Promise<RunIndex> {
  const sources = getSources();
  const [lineage, experiment] = await Promise.all([
    settle(sources.lineage, (s) => s.snapshot()),
    settle(sources.experiment, (s) => s.snapshot()),
  ]);
  const { failures, warnings } = await sourceStates([...lineage.failures, ...experiment.failures]);
  const key = JSON.stringify([lineage.ok.map((s) => s.version), experiment.ok.map((s) => s.version), failures.map((f) => f.source)]);
  if (cached?.key === key) return { ...cached.index, failures, warnings };

  const lineageRuns: LineageRun[] = lineage.ok.flatMap((s) => [...s.runs.values()]);
  const experimentRuns: ExperimentRun[] = experiment.ok.flatMap((s) => [...s.runs.values()]);
  const runs = joinRuns(lineageRuns, experimentRuns);
  runs.sort((a, b) => runSortTime(b) - runSortTime(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const byId = new Map(runs.map((run) => [run.id, run]));
  const lookup = new Map<string, string>();
  for (const run of runs) {
    lookup.set(idKey(run.id), run.id);
    if (run.lineage) lookup.set(idKey(run.lineage.runId), run.id);
    if (run.experiment) {
      // A W&B run is found by its path entity/project/runId and, when unambiguous enough, by its bare id.
      lookup.set(idKey(experimentRunKey(run.experiment)), run.id);
      if (!lookup.has(idKey(run.experiment.runId))) lookup.set(idKey(run.experiment.runId), run.id);
    }
  }
  const index: RunIndex = { runs, byId, lookup, lineage: lineage.ok, experiment: experiment.ok, failures, warnings };
  cached = { key, index };
  return index;
}

export function findRun(index: RunIndex, id: string): UnifiedRun | null {
  const canonical = index.lookup.get(idKey(id));
  return canonical === undefined ? null : (index.byId.get(canonical) ?? null);
}
