import type { Kysely, Transaction } from 'kysely';
import type { LineageRun, RunLink, UnifiedRun } from '@/lib/model';
import { decodeExperimentRun, decodeLineageRunOffThread } from './payload';
import { stagesOfParents } from './run-groups';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A run's stages listed on its page at most; the page says when there are more. */
export const MAX_CHILD_IDS = 500;

/** Children of each run, oldest first (stages in the order they ran), at most `limit` each, read limited from the index. */
async function childIdsOf(db: Db, ids: readonly string[], limit: number): Promise<Map<string, string[]>> {
  const groups = await stagesOfParents(db, ids, { kind: 'time', descending: false }, limit);
  return new Map([...groups].map(([parentId, group]) => [parentId, group.ids]));
}

/** Joined runs by canonical id, as the pages see them (both sides' records, link, notes, children), in the order asked. */
export async function runsByIds(db: Db, ids: readonly string[], childLimit = MAX_CHILD_IDS): Promise<UnifiedRun[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('runs as r')
    .leftJoin('lineage_records as l', (j) => j.onRef('l.source', '=', 'r.lineage_source').onRef('l.run_key', '=', 'r.lineage_key'))
    .leftJoin('experiment_records as e', (j) => j.onRef('e.source', '=', 'r.experiment_source').onRef('e.run_key', '=', 'r.experiment_key'))
    .select(['r.id', 'r.parent_id', 'r.link', 'r.notes', 'l.payload as lineage_payload', 'e.payload as experiment_payload'])
    .where('r.id', 'in', [...ids])
    .execute();
  const children = await childIdsOf(db, ids, childLimit);
  const byId = new Map(rows.map((row) => [row.id, row]));
  // A 100,000-input run's payload (13 MB) is parsed on a worker thread: a list page showing it held the event loop.
  const lineageOf = new Map<string, LineageRun>();
  for (const row of rows) if (row.lineage_payload !== null) lineageOf.set(row.id, await decodeLineageRunOffThread(row.lineage_payload));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    return [{
      id: row.id,
      lineage: lineageOf.get(row.id) ?? null,
      experiment: row.experiment_payload === null ? null : decodeExperimentRun(row.experiment_payload),
      link: row.link === null ? null : (JSON.parse(row.link) as RunLink),
      parentId: row.parent_id,
      childIds: children.get(row.id) ?? [],
      notes: JSON.parse(row.notes) as string[],
    }];
  });
}
