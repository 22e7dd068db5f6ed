import { z } from 'zod';
import type { UnifiedRun } from '@/lib/model';
import { RUN_STATUSES } from '@/lib/model/run-fields';
import type { RunPosition, RunSort } from '@/lib/index/run-page';
import type { RunStore } from './run-store';

/** `start` / `-start` (newest first, the default), `name`, or `metrics.<key>` / `params.<key>`, `-` for descending. */
const SORT = /^(-?)(start|name|metrics\.[^,]{1,250}|params\.[^,]{1,250})$/;

export const runListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(2_000).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  job: z.string().max(500).optional(),
  experiment: z.string().max(500).optional(),
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

export interface RunPage {
  runs: UnifiedRun[];
  nextCursor: string | null;
  /** Runs matching the filters (all pages). */
  total: number;
}

/** One page of the runs list, from the index: filters, search and sort are SQL; the list shows every run, stages included. */
export async function pageRuns(store: RunStore, query: RunListQuery): Promise<RunPage | { error: string }> {
  const after = query.cursor === undefined ? null : decodeCursor(query.cursor, query.sort);
  if (query.cursor !== undefined && after === null) return { error: 'cursor is not one this API returned' };
  const filters = { q: query.q, status: query.status, job: query.job, experiment: query.experiment };
  const [page, total] = await Promise.all([
    store.page({ ...filters, limit: query.limit, after, sort: parseSort(query.sort) }),
    store.count(filters),
  ]);
  const last = page.positions.at(-1);
  return { runs: page.runs, nextCursor: page.more && last ? encodeCursor(query.sort, last) : null, total };
}
