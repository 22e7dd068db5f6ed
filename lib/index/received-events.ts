import { sql, type Kysely, type Transaction } from 'kysely';
import type { IndexDialect } from './open';
import { decodeEventBody, encodeEventBody } from './event-body-codec';
import { redactEventBodyInSlices } from './redact-stored';
import type { IndexDatabase } from './schema';

/** The receiver's events carry this source (the column's default, so rows stored before it existed have it). */
const RECEIVER_SOURCE = 'openlineage-receiver';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** A run rebuilt from its stored events reads at most its first and its newest events (START, then the latest state). */
export const FIRST_EVENTS_PER_RUN = 1_000;
export const NEWEST_EVENTS_PER_RUN = 4_000;

/**
 * Postgres: holds a transaction-scoped lock per run, so replicas receiving events of one run at once
 * rebuild it one after the other (each then sees the other's events). Sorted, so two batches cannot
 * deadlock. SQLite needs none: its writers are serialised by the database lock.
 */
export async function lockRuns(db: Db, dialect: IndexDialect, runIds: readonly string[], source = RECEIVER_SOURCE): Promise<void> {
  if (dialect !== 'postgres') return;
  const prefix = source === RECEIVER_SOURCE ? 'runlens-receiver' : `runlens-events:${source}`;
  for (const runId of [...runIds].sort()) await sql`select pg_advisory_xact_lock(hashtextextended(${`${prefix}:${runId}`}, 0))`.execute(db);
}

export interface StoredEventRow {
  runId: string | null;
  body: string;
  /** Epoch ms of the eventTime; null when unknown. */
  eventTimeMs?: number | null;
  /** Given by sources that may hand an event twice: a body whose digest the source already stored is skipped. */
  digest?: string | null;
}

/** Stores events of one source; returns the rows that were new (rows with a digest already stored are skipped). */
export async function insertReceivedEvents<Row extends StoredEventRow>(db: Db, rows: readonly Row[], now: number, source = RECEIVER_SOURCE): Promise<Row[]> {
  const digests = [...new Set(rows.flatMap((r) => (r.digest == null ? [] : [r.digest])))];
  const known = new Set<string>();
  for (let i = 0; i < digests.length; i += 500) {
    const found = await db.selectFrom('received_events').select('digest').where('source', '=', source).where('digest', 'in', digests.slice(i, i + 500)).execute();
    for (const row of found) if (row.digest !== null) known.add(row.digest);
  }
  const fresh = rows.filter((r) => {
    if (r.digest == null) return true;
    if (known.has(r.digest)) return false;
    known.add(r.digest); // the same event twice in one batch is stored once too
    return true;
  });
  for (let i = 0; i < fresh.length; i += 100) {
    const rows = [];
    for (const r of fresh.slice(i, i + 100)) {
      const stored = await encodeEventBody(await redactEventBodyInSlices(r.body));
      rows.push({ source, received_ms: now, run_id: r.runId, ...stored, event_time_ms: r.eventTimeMs ?? null, digest: r.digest ?? null });
    }
    await db.insertInto('received_events').values(rows).execute();
  }
  return fresh;
}

/** A stored event of a run: its body, or null when its digest was one the caller holds parsed already. */
export interface RunEventRow {
  digest: string | null;
  body: string | null;
}

/**
 * The stored events of one run, oldest first; bounded (see FIRST_/NEWEST_EVENTS_PER_RUN), with how many it has in
 * all. Bodies whose digest is in `parsed` are not read (a 13 MB body the feed has just parsed stays on disk).
 */
export async function runEventRows(db: Db, runId: string, source = RECEIVER_SOURCE, parsed: ReadonlySet<string> = new Set()): Promise<{ rows: RunEventRow[]; total: number }> {
  const ofRun = () => db.selectFrom('received_events').where('source', '=', source).where('run_id', '=', runId);
  const skipped = [...parsed];
  const unlessParsed = <T>(column: 'body' | 'body_gzip') =>
    skipped.length === 0 ? sql<T | null>`${sql.ref(column)}` : sql<T | null>`case when digest in (${sql.join(skipped)}) then null else ${sql.ref(column)} end`;
  const columns = ['seq', 'digest', unlessParsed<string>('body').as('body'), unlessParsed<Uint8Array>('body_gzip').as('body_gzip')] as const;
  const rowsOf = async (read: ReadonlyArray<{ digest: string | null; body: string | null; body_gzip: Uint8Array | null }>): Promise<RunEventRow[]> => {
    const out: RunEventRow[] = [];
    for (const r of read) out.push({ digest: r.digest, body: await decodeEventBody(r.body, r.body_gzip) });
    return out;
  };
  const first = await ofRun().select(columns).orderBy('seq').limit(FIRST_EVENTS_PER_RUN).execute();
  if (first.length < FIRST_EVENTS_PER_RUN) return { rows: await rowsOf(first), total: first.length };
  const lastFirst = Number(first[first.length - 1]!.seq);
  const newest = await ofRun().select(columns).where('seq', '>', lastFirst).orderBy('seq', 'desc').limit(NEWEST_EVENTS_PER_RUN).execute();
  const { count } = await ofRun().select((eb) => eb.fn.countAll<string | number>().as('count')).executeTakeFirstOrThrow();
  return { rows: await rowsOf([...first, ...newest.reverse()]), total: Number(count) };
}

/** The stored bodies of one run, oldest first; bounded (see FIRST_/NEWEST_EVENTS_PER_RUN), with how many it has in all. */
export async function runEventBodies(db: Db, runId: string, source = RECEIVER_SOURCE): Promise<{ bodies: string[]; total: number }> {
  const { rows, total } = await runEventRows(db, runId, source);
  return { bodies: rows.map((r) => r.body ?? ''), total };
}

/**
 * Forgets up to `limit` stored events of a source (a feed whose pass restarts from scratch, e.g. a
 * rewritten file); returns how many went, so callers delete in short rounds until none are left.
 */
export async function deleteSourceEvents(db: Db, source: string, limit: number): Promise<number> {
  const rows = await db.selectFrom('received_events').select('seq').where('source', '=', source).orderBy('seq').limit(limit).execute();
  if (rows.length === 0) return 0;
  await db.deleteFrom('received_events').where('source', '=', source).where('seq', '<=', Number(rows[rows.length - 1]!.seq)).execute();
  return rows.length;
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
  ]).where('source', '=', RECEIVER_SOURCE).executeTakeFirstOrThrow();
  return {
    events: Number(row.events), runEvents: Number(row.run_events), runs: Number(row.runs),
    lastSeq: Number(row.last_seq ?? 0), lastReceivedMs: row.last_ms === null ? null : Number(row.last_ms),
  };
}

/** The receiver's newest seq, cheaply (index on source, seq): whether anything arrived since a reader last looked. */
export async function lastReceivedSeq(db: Db): Promise<number> {
  const row = await db.selectFrom('received_events').select('seq').where('source', '=', RECEIVER_SOURCE).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row ? Number(row.seq) : 0;
}
