import { z } from 'zod';
import type { UnifiedRun } from '@/lib/model';
import { RUN_STATUSES } from '@/lib/model/run-fields';
import type { RunPosition, RunSort } from '@/lib/index/run-page';
import { idKey } from '@/lib/join/ids';
import type { RunStore } from './run-store';

/** Where pageRuns takes its totals: the store itself, or counts shared across views (lib/catalog/run-counts.ts). */
export type RunTotals = Pick<RunStore, 'count' | 'countGrouped'>;

/** `start` / `-start` (newest first, the default), `name`, or `metrics.<key>` / `params.<key>`, `-` for descending. */
const SORT = /^(-?)(start|name|metrics\.[^,]{1,250}|params\.[^,]{1,250})$/;

export const runListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2_000).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  job: z.string().max(500).optional(),
  experiment: z.string().max(500).optional(),
  /** Only the stages of this run (its canonical id). */
  parent: z.string().max(500).optional(),
  /** `stages`: top-level runs, each with its first stages nested; `none`: every run flat (the API's default). */
  group: z.enum(['stages', 'none']).optional(),
  sort: z.string().regex(SORT, 'sort is start, name, metrics.<key> or params.<key>, with - for descending').default('-start'),
  /** Extra table columns: `metrics.<key>` or `params.<key>`, comma-separated, at most 12. */
  columns: z.string().max(2_000).optional()
    .transform((raw) => (raw ?? '').split(',').map((c) => c.trim()).filter((c) => c !== ''))
    .pipe(z.array(z.string().regex(/^(metrics|params)\..{1,250}$/, 'columns are metrics.<key> or params.<key>')).max(12, 'at most 12 columns')),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

export function parseSort(raw: string): RunSort {
  const descending = raw.startsWith('-');
  const field = descending ? raw.slice(1) : raw;
  if (field === 'start') return { kind: 'time', descending };
  if (field === 'name') return { kind: 'name', descending };
  if (field.startsWith('metrics.')) return { kind: 'metric', key: field.slice('metrics.'.length), descending };
  return { kind: 'param', key: field.slice('params.'.length), descending };
}

const cursorSchema = z.object({ sort: z.string(), value: z.union([z.number(), z.string(), z.null()]), sortMs: z.number(), id: z.string() });

export function encodeCursor(sort: string, position: RunPosition): string {
  return Buffer.from(JSON.stringify({ sort, ...position })).toString('base64url');
}

/** The position a cursor names, or null when it is not one this API returned (for this sort). */
export function decodeCursor(raw: string, sort: string): RunPosition | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    if (!parsed.success || parsed.data.sort !== sort) return null;
    const { value, sortMs, id } = parsed.data;
    return { value, sortMs, id };
  } catch {
    return null;
  }
}

export interface StageGroup {
  parentId: string;
  /** The first STAGES_PER_PARENT stages, sorted as the list is. */
  runs: UnifiedRun[];
  total: number;
}

export interface RunPage {
  /** Grouped: runs with no indexed parent (pipeline executions and standalone runs); flat: every run matching. */
  runs: UnifiedRun[];
  nextCursor: string | null;
  /** Runs matching the filters (all pages); grouped: top-level runs only. */
  total: number;
  /** Present when grouped: the stages of the listed runs that have any, and how many stages the index holds. */
  grouped: { stages: StageGroup[]; stagesTotal: number } | null;
  /** With `parent`: that run, when indexed (the list then shows its stages). */
  parent: UnifiedRun | null;
}

/** Whether a list nests stages: asked for (or the caller's default), and only unfiltered, since a match may be a stage of a parent that does not match. */
export function isGrouped(query: RunListQuery, byDefault: boolean): boolean {
  const filtered = [query.q, query.status, query.job, query.experiment, query.parent].some((v) => v !== undefined && v !== '');
  return !filtered && (query.group === undefined ? byDefault : query.group === 'stages');
}

/**
 * One page of the runs list, from the index: filters, search and sort are SQL. Grouped, the keyset pages
 * over top-level runs and each shown parent's first stages come from one bounded query; flat, every run
 * matching is listed, stages included.
 */
export async function pageRuns(store: RunStore, query: RunListQuery, groupByDefault = false, totals: RunTotals = store): Promise<RunPage | { error: string }> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, query.sort);
  if (query.cursor !== undefined && after === null) return { error: 'cursor is not one this API returned' };
  const sort = parseSort(query.sort);
  if (isGrouped(query, groupByDefault)) {
    const [page, counts] = await Promise.all([store.page({ topLevel: true, limit: query.limit, after, sort }), totals.countGrouped()]);
    const stages = await store.stages(page.runs.map((run) => run.id), sort);
    const last = page.positions.at(-1);
    return {
      runs: page.runs,
      nextCursor: page.more && last ? encodeCursor(query.sort, last) : null,
      total: counts.topLevel,
      grouped: { stages: [...stages].map(([parentId, s]) => ({ parentId, ...s })), stagesTotal: counts.stages },
      parent: null,
    };
  }
  const filters = { q: query.q, status: query.status, job: query.job, experiment: query.experiment, parentId: query.parent };
  const [page, total, parents] = await Promise.all([
    store.page({ ...filters, limit: query.limit, after, sort }),
    totals.count(filters),
    query.parent === undefined ? [] : store.byIdKeys([idKey(query.parent)]),
  ]);
  const last = page.positions.at(-1);
  const parent = parents.find((run) => run.id === query.parent) ?? null;
  return { runs: page.runs, nextCursor: page.more && last ? encodeCursor(query.sort, last) : null, total, grouped: null, parent };
}
