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

// attributes.start_time >= 123 (also start_time / attribute. / attr. / run. prefixes and backticks), as MLflow's SearchUtils parses it.
const TIME_CLAUSE = /^\s*(?:(?:attributes?|attr|run)\.)?[`"]?(start_time|end_time)[`"]?\s*(>=|<=|!=|=|>|<)\s*(-?\d+)\s*$/i;
const STATUS_CLAUSE = /^\s*(?:(?:attributes?|attr|run)\.)?[`"]?status[`"]?\s*(=|!=)\s*'([A-Z]+)'\s*$/i;

type Clause = (run: Json) => boolean;

const numberOf = (value: unknown): number | null => {
  const n = typeof value === 'string' ? Number(value) : typeof value === 'number' ? value : NaN;
  return Number.isFinite(n) ? n : null;
};

const COMPARE: Record<string, (a: number, b: number) => boolean> = {
  '=': (a, b) => a === b, '!=': (a, b) => a !== b, '>': (a, b) => a > b, '>=': (a, b) => a >= b, '<': (a, b) => a < b, '<=': (a, b) => a <= b,
};

/** One clause of an AND-joined filter the stub evaluates itself, or null when it cannot. */
function clauseOf(text: string): Clause | null {
  const ids = runIdsOfFilter(text);
  if (ids !== null) return (r) => ids.has(runIdOf(r) ?? '');
  const time = TIME_CLAUSE.exec(text);
  if (time) {
    const [, attribute = '', op = '=', raw = '0'] = time;
    const bound = Number(raw);
    const compare = COMPARE[op]!;
    // MLflow compares in SQL: a run without the attribute (NULL) matches no comparison.
    return (r) => {
      const value = numberOf(field(field(r, 'info'), attribute.toLowerCase()));
      return value !== null && compare(value, bound);
    };
  }
  const status = STATUS_CLAUSE.exec(text);
  if (status) {
    const [, op, wanted] = status;
    return (r) => (field(field(r, 'info'), 'status') === wanted) === (op === '=');
  }
  return null;
}

/** The filter as a predicate, or null when a clause is beyond the stub (then only a recording of that exact filter answers). */
export function filterOf(filter: string): Clause | null {
  const clauses = filter.split(/\s+and\s+/i).map(clauseOf);
  if (clauses.some((c) => c === null)) return null;
  return (r) => clauses.every((c) => c!(r));
}

const ORDER = /^\s*(?:(?:attributes?|attr|run)\.)?[`"]?(start_time|end_time)[`"]?(?:\s+(asc|desc))?\s*$/i;

/**
 * MLflow's run order: the order_by clauses asked (start_time / end_time here), then start_time DESC and
 * run_id ASC, which SqlAlchemyStore always appends; runs without a value sort last.
 */
export function orderRuns(runs: readonly Json[], orderBy: readonly string[]): Json[] {
  const keys = orderBy.map((clause) => {
    const match = ORDER.exec(clause);
    if (!match) throw StubResponse.invalid(`The MLflow stub cannot order by ${JSON.stringify(clause)} (only start_time and end_time)`);
    return { attribute: match[1]!.toLowerCase(), descending: (match[2] ?? 'asc').toLowerCase() === 'desc' };
  });
  keys.push({ attribute: 'start_time', descending: true });
  // Each run's sort values read once (a real-team-sized stub sorts 150,000 runs per request).
  const decorated = runs.map((run) => ({ run, id: runIdOf(run) ?? '', values: keys.map(({ attribute }) => numberOf(field(field(run, 'info'), attribute))) }));
  decorated.sort((a, b) => {
    for (let k = 0; k < keys.length; k++) {
      const x = a.values[k] ?? null;
      const y = b.values[k] ?? null;
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return keys[k]!.descending ? y - x : x - y;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return decorated.map((d) => d.run);
}

/**
 * runs/search over the recorded runs: by experiment, view type, filters the stub evaluates (run ids,
 * start/end time comparisons, status, joined by AND) and order_by. Any other filter is answered from
 * the recording of exactly that filter, or refused.
 */
export function searchRuns(data: RecordedData, body: Json): Json[] {
  const experimentIds = new Set(list(field(body, 'experiment_ids')).map(String));
  const view = viewTypeOf(field(body, 'run_view_type'));
  const filter = text(field(body, 'filter'))?.trim() ?? '';
  let pool = data.runs;
  if (filter !== '') {
    const predicate = filterOf(filter);
    if (predicate !== null) pool = pool.filter(predicate);
    else {
      const recorded = data.all.find((r) => r.endpoint === 'runs/search' && text(field(r.body, 'filter')) === filter);
      if (!recorded) throw StubResponse.invalid(`The MLflow stub cannot evaluate the filter ${JSON.stringify(filter)} (only run-id, time and status filters and recorded ones)`);
      pool = list(field(recorded.json, 'runs'));
    }
  }
  const matching = pool.filter((r) => experimentIds.has(text(field(field(r, 'info'), 'experiment_id')) ?? '') && inView(view, field(field(r, 'info'), 'lifecycle_stage')));
  return orderRuns(matching, list(field(body, 'order_by')).map(String));
}
