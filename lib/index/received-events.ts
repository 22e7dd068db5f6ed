import { sql, type Kysely, type Transaction } from 'kysely';
import type { IndexDialect } from './open';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A run rebuilt from its stored events reads at most its first and its newest events (START, then the latest state). */
export const FIRST_EVENTS_PER_RUN = 1_000;
export const NEWEST_EVENTS_PER_RUN = 4_000;

/**
 * Postgres: holds a transaction-scoped lock per run, so replicas receiving events of one run at once
 * rebuild it one after the other (each then sees the other's events). Sorted, so two batches cannot
 * deadlock. SQLite needs none: its writers are serialised by the database lock.
 */
export async function lockRuns(db: Db, dialect: IndexDialect, runIds: readonly string[]): Promise<void> {
  if (dialect !== 'postgres') return;
  for (const runId of [...runIds].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${`runlens-receiver:${runId}`}, 0))`.execute(db);
}

export async function insertReceivedEvents(db: Db, rows: ReadonlyArray<{ runId: string | null; body: string }>, now: number): Promise<void> {
  for (let i = 0; i < rows.length; i += 100) {
    await db.insertInto('received_events').values(rows.slice(i, i + 100).map((r) => ({ received_ms: now, run_id: r.runId, body: r.body }))).execute();
  }
}

/** The stored bodies of one run, oldest first; bounded (see FIRST_/NEWEST_EVENTS_PER_RUN), with how many it has in all. */
export async function runEventBodies(db: Db, runId: string): Promise<{ bodies: string[]; total: number }> {
  const first = await db.selectFrom('received_events').select(['seq', 'body']).where('run_id', '=', runId).orderBy('seq').limit(FIRST_EVENTS_PER_RUN).execute();
  if (first.length < FIRST_EVENTS_PER_RUN) return { bodies: first.map((r) => r.body), total: first.length };
  const lastFirst = Number(first[first.length - 1]!.seq);
  const newest = await db.selectFrom('received_events').select(['seq', 'body']).where('run_id', '=', runId).where('seq', '>', lastFirst)
    .orderBy('seq', 'desc').limit(NEWEST_EVENTS_PER_RUN).execute();
  const { count } = await db.selectFrom('received_events').select((eb) => eb.fn.countAll<string | number>().as('count')).where('run_id', '=', runId).executeTakeFirstOrThrow();
  return { bodies: [...first, ...newest.reverse()].map((r) => r.body), total: Number(count) };
}

/** Events stored after `afterSeq`, oldest first, at most `limit` (the receiver source reads them in pages). */
export async function receivedEventsAfter(db: Db, afterSeq: number, limit: number): Promise<Array<{ seq: number; body: string }>> {
  const rows = await db.selectFrom('received_events').select(['seq', 'body']).where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
  return rows.map((r) => ({ seq: Number(r.seq), body: r.body }));
}

export interface ReceivedCounts {
  events: number;
  /** Of them, RunEvents (they carry a runId) and distinct runs. */
  runEvents: number;
  runs: number;
  lastSeq: number;
  lastReceivedMs: number | null;
}

export async function receivedCounts(db: Db): Promise<ReceivedCounts> {
  const row = await db.selectFrom('received_events').select([
    sql<string | number>`count(*)`.as('events'),
    sql<string | number>`count(run_id)`.as('run_events'),
    sql<string | number>`count(distinct run_id)`.as('runs'),
    sql<string | number | null>`max(seq)`.as('last_seq'),
    sql<string | number | null>`max(received_ms)`.as('last_ms'),
  ]).executeTakeFirstOrThrow();
  return {
    events: Number(row.events), runEvents: Number(row.run_events), runs: Number(row.runs),
    lastSeq: Number(row.last_seq ?? 0), lastReceivedMs: row.last_ms === null ? null : Number(row.last_ms),
  };
}

/** The newest seq, cheaply (primary key): whether anything arrived since a reader last looked. */
export async function lastReceivedSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('received_events').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}
