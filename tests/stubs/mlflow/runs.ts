import { StubResponse } from './errors';
import { type Json, field, list, runIdOf, text } from './json';
import type { RecordedData } from './recordings';

export type ViewType = 'ACTIVE_ONLY' | 'DELETED_ONLY' | 'ALL';

const VIEW_NUMBERS: Record<string, ViewType> = { '1': 'ACTIVE_ONLY', '2': 'DELETED_ONLY', '3': 'ALL' };

/** ViewType by name or number; ACTIVE_ONLY when absent, like MLflow. */
export function viewTypeOf(value: unknown): ViewType {
  if (value === undefined || value === null || value === '') return 'ACTIVE_ONLY';
  const s = String(value).toUpperCase();
  if (s === 'ACTIVE_ONLY' || s === 'DELETED_ONLY' || s === 'ALL') return s;
  const byNumber = VIEW_NUMBERS[s];
  if (byNumber) return byNumber;
  throw StubResponse.invalid(`Invalid view type ${JSON.stringify(value)}`);
}

/** Whether an item's lifecycle_stage (at `stageOf`) is in the view. */
export function inView(view: ViewType, stage: unknown): boolean {
  const deleted = stage === 'deleted';
  return view === 'ALL' || (view === 'DELETED_ONLY' ? deleted : !deleted);
}

// attributes.run_id IN ('a', 'b') or run_id = 'a' (also run_uuid, backticks, double quotes).
const RUN_ID_FILTER = /^\s*(?:(?:attributes?|attr|run)\.)?[`"]?run_(?:id|uuid)[`"]?\s+(in|=)\s*(.+?)\s*$/i;
const QUOTED = /'([^']*)'|"([^"]*)"/g;

/** The run ids of a run-id filter, or null when the filter is something else. */
export function runIdsOfFilter(filter: string): Set<string> | null {
  const match = RUN_ID_FILTER.exec(filter);
  if (!match) return null;
  const [, op = '', values = ''] = match;
  if (op.toLowerCase() === 'in' && !/^\(.*\)$/s.test(values)) throw StubResponse.invalid(`While parsing filter '${filter}': expected a list in parentheses after IN`);
  return new Set([...values.matchAll(QUOTED)].map((m) => m[1] ?? m[2] ?? ''));
}

/**
 * runs/search over the recorded runs: by experiment, view type and a run-id filter. A filter the
 * stub cannot evaluate is answered from the recording of exactly that filter, or refused.
 */
export function searchRuns(data: RecordedData, body: Json): Json[] {
  const experimentIds = new Set(list(field(body, 'experiment_ids')).map(String));
  const view = viewTypeOf(field(body, 'run_view_type'));
  const filter = text(field(body, 'filter'))?.trim() ?? '';
  let pool = data.runs;
  if (filter !== '') {
    const ids = runIdsOfFilter(filter);
    if (ids !== null) pool = pool.filter((r) => ids.has(runIdOf(r) ?? ''));
    else {
      const recorded = data.all.find((r) => r.endpoint === 'runs/search' && text(field(r.body, 'filter')) === filter);
      if (!recorded) throw StubResponse.invalid(`The MLflow stub cannot evaluate the filter ${JSON.stringify(filter)} (only run-id filters and recorded ones)`);
      pool = list(field(recorded.json, 'runs'));
    }
  }
  return pool.filter((r) => experimentIds.has(text(field(field(r, 'info'), 'experiment_id')) ?? '') && inView(view, field(field(r, 'info'), 'lifecycle_stage')));
}
