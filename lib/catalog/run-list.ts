import { z } from 'zod';
import type { UnifiedRun } from '@/lib/model';
import { RUN_STATUSES, runSortTime, runStatus } from '@/lib/model/run-fields';

export const runListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(500).optional(),
  q: z.string().max(200).optional(),
  status: z.enum(RUN_STATUSES).optional(),
  job: z.string().max(500).optional(),
  experiment: z.string().max(500).optional(),
});
export type RunListQuery = z.infer<typeof runListQuerySchema>;

type Cursor = [sortTime: number, id: string];
const cursorSchema = z.tuple([z.number(), z.string()]);

export function encodeCursor(run: UnifiedRun): string {
  const cursor: Cursor = [runSortTime(run), run.id];
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(raw: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Keyset order: newest first, ties by id; a cursor stays valid while runs are added. */
function isAfter(run: UnifiedRun, [time, id]: Cursor): boolean {
  const t = runSortTime(run);
  return t < time || (t === time && run.id > id);
}

function matches(run: UnifiedRun, query: RunListQuery): boolean {
  if (query.status && runStatus(run) !== query.status) return false;
  if (query.job && run.lineage?.job.name !== query.job && run.experiment?.tags.stage !== query.job) return false;
  if (query.experiment && run.experiment?.experimentName !== query.experiment && run.experiment?.experimentId !== query.experiment) return false;
  if (query.q) {
    const needle = query.q.trim().toLowerCase();
    const haystack = [run.id, run.lineage?.runId, run.lineage?.job.name, run.lineage?.job.namespace, run.experiment?.runId,
      run.experiment?.runName, run.experiment?.experimentName];
    if (!haystack.some((value) => value?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

export interface RunPage {
  runs: UnifiedRun[];
  nextCursor: string | null;
}

/** Top-level view by default would hide stages; the list shows every run, children included, so nothing is hidden. */
export function pageRuns(all: UnifiedRun[], query: RunListQuery): RunPage | { error: string } {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && cursor === null) return { error: 'cursor is not one this API returned' };
  const page: UnifiedRun[] = [];
  let more = false;
  for (const run of all) {
    if (cursor && !isAfter(run, cursor)) continue;
    if (!matches(run, query)) continue;
    if (page.length === query.limit) {
      more = true;
      break;
    }
    page.push(run);
  }
  const last = page.at(-1);
  return { runs: page, nextCursor: more && last ? encodeCursor(last) : null };
}
