import type { Kysely } from 'kysely';
import type { IndexDatabase, SyncStateTable } from './schema';

export type SyncState = SyncStateTable;

/**
 * Takes or renews the lease to sync `source`: granted when free, expired, or already ours. One
 * conditional UPDATE, so two replicas racing for it cannot both win (SQLite and Postgres alike).
 */
export async function holdLease(db: Kysely<IndexDatabase>, source: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
  await db.insertInto('sync_state')
    .values({ source, cursor: null, phase: 'backfill', indexed: 0, estimated_total: null, reached_back_to_ms: null, last_error: null, updated_ms: now, lease_owner: null, lease_until_ms: 0 })
    .onConflict((oc) => oc.column('source').doNothing())
    .execute();
  const result = await db.updateTable('sync_state')
    .set({ lease_owner: owner, lease_until_ms: now + ttlMs })
    .where('source', '=', source)
    .where((eb) => eb.or([eb('lease_owner', '=', owner), eb('lease_owner', 'is', null), eb('lease_until_ms', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<IndexDatabase>, source: string, owner: string): Promise<void> {
  await db.updateTable('sync_state').set({ lease_owner: null, lease_until_ms: 0 }).where('source', '=', source).where('lease_owner', '=', owner).execute();
}

/** Saves where the syncer is, only while it still holds the lease (a replica that lost it must not rewind the cursor). */
export async function saveSyncProgress(db: Kysely<IndexDatabase>, source: string, owner: string,
  progress: Pick<SyncState, 'cursor' | 'phase' | 'indexed' | 'estimated_total' | 'last_error'> & Partial<Pick<SyncState, 'reached_back_to_ms'>>, now = Date.now()): Promise<boolean> {
  const result = await db.updateTable('sync_state').set({ ...progress, updated_ms: now })
    .where('source', '=', source).where('lease_owner', '=', owner).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function recordSyncError(db: Kysely<IndexDatabase>, source: string, owner: string, message: string, now = Date.now()): Promise<void> {
  await db.updateTable('sync_state').set({ last_error: message, updated_ms: now }).where('source', '=', source).where('lease_owner', '=', owner).execute();
}

/**
 * Every source's progress without its cursor: /health and every page read this, and a files cursor holds one entry
 * per file (megabytes at 40,000 files), which only the syncer needs.
 */
export async function readSyncStates(db: Kysely<IndexDatabase>): Promise<Array<Omit<SyncState, 'cursor'>>> {
  return db.selectFrom('sync_state')
    .select(['source', 'phase', 'indexed', 'estimated_total', 'reached_back_to_ms', 'last_error', 'updated_ms', 'lease_owner', 'lease_until_ms'])
    .orderBy('source').execute();
}

export async function readSyncState(db: Kysely<IndexDatabase>, source: string): Promise<SyncState | null> {
  return (await db.selectFrom('sync_state').selectAll().where('source', '=', source).executeTakeFirst()) ?? null;
}

/** Ids of a source's experiment runs the index holds as RUNNING, oldest first: the ones a follow re-checks. */
export async function runningExperimentRunIds(db: Kysely<IndexDatabase>, source: string, limit: number, started: { startedAfterMs?: number; startedBeforeMs?: number } = {}): Promise<string[]> {
  let query = db.selectFrom('experiment_records').select('run_id').where('source', '=', source).where('status', '=', 'RUNNING');
  if (started.startedAfterMs !== undefined) query = query.where('start_ms', '>', started.startedAfterMs);
  if (started.startedBeforeMs !== undefined) query = query.where('start_ms', '<', started.startedBeforeMs);
  const rows = await query.orderBy('start_ms').limit(limit).execute();
  return rows.map((r) => r.run_id);
}
