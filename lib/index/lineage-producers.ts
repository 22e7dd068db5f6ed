import type { Kysely, Transaction } from 'kysely';
import { refKey, type LineageRun, type RunDataset } from '@/lib/model';
import { logEvent } from '@/lib/observability/log';
import type { IndexDatabase } from './schema';

type Db = Kysely<IndexDatabase> | Transaction<IndexDatabase>;

/** One write of a dataset: the run and when it wrote (its end, else its start; ms). */
interface Write {
  runId: string;
  time: number;
  version: string | null;
}

/**
 * Writes of any version considered per dataset read, the newest at or before the reader's start: the pick takes the
 * newest of them (which the bound never cuts); the rest only tell whether the dataset has versioned writes.
 */
const WRITES_PER_INPUT = 50;
/** Writes of the version read, on each side of the reader's start: 2, so the reader's own write is never the only one. */
const WRITES_OF_VERSION = 2;
/** Readers re-resolved per dataset a rebuilt run wrote (each is rebuilt from its events in the same transaction). */
export const READERS_PER_OUTPUT = 20;

const timeOf = (run: Pick<LineageRun, 'startedAt' | 'endedAt' | 'updatedAt'>): number => Date.parse(run.endedAt ?? run.startedAt ?? run.updatedAt) || 0;
const startOf = (run: LineageRun): number => Date.parse(run.startedAt ?? run.updatedAt) || 0;

/**
 * The stored writes of a dataset by the runs of one source (lineage records), bounded: the newest at or before
 * `start`, or (`side: 'after'`) the oldest after it. Read in order from the (…, time_ms) index, so a dataset written
 * 100,000 times costs the `limit` rows it returns.
 */
async function storedWrites(db: Db, source: string, d: RunDataset, side: 'at-or-before' | 'after', start: number, version: string | null, limit: number): Promise<Write[]> {
  let query = db.selectFrom('record_datasets as d')
    .innerJoin('lineage_records as r', (join) => join.onRef('r.source', '=', 'd.source').onRef('r.run_key', '=', 'd.run_key'))
    .select(['r.run_id as runId', 'd.version as version', 'd.time_ms as time'])
    .where('d.side', '=', 'lineage').where('d.source', '=', source).where('d.direction', '=', 'output')
    .where('d.namespace', '=', d.namespace).where('d.name', '=', d.name);
  if (version !== null) query = query.where('d.version', '=', version);
  query = side === 'after' ? query.where('d.time_ms', '>', start).orderBy('d.time_ms', 'asc') : query.where('d.time_ms', '<=', start).orderBy('d.time_ms', 'desc');
  const rows = await query.limit(limit).execute();
  return rows.map((r) => ({ runId: r.runId, time: Number(r.time ?? 0), version: r.version }));
}

/** Datasets looked up per query when telling which of a run's inputs anyone wrote. */
const REFS_PER_LOOKUP = 100;

/**
 * Of these datasets, the keys (refKey) of those a lineage record of the source wrote: inputs nobody wrote need no
 * look-up of their writes, so a run reading 100,000 datasets costs a thousand queries, not two hundred thousand.
 */
async function writtenDatasets(db: Db, source: string, refs: readonly RunDataset[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < refs.length; i += REFS_PER_LOOKUP) {
    const part = refs.slice(i, i + REFS_PER_LOOKUP);
    // namespace IN … AND name IN … is a superset of the pairs asked: the pairs are checked below.
    const rows = await db.selectFrom('record_datasets').select(['namespace', 'name']).distinct()
      .where('side', '=', 'lineage').where('source', '=', source).where('direction', '=', 'output')
      .where('namespace', 'in', [...new Set(part.map((d) => d.namespace))]).where('name', 'in', [...new Set(part.map((d) => d.name))])
      .execute();
    for (const row of rows) found.add(refKey(row));
  }
  return found;
}

/**
 * The write an input read, as lib/openlineage's builder picks it over all events: with a version, the
 * newest write of that version at or before the reader started, else the oldest later one; none when
 * the dataset has versioned writes but none of this version. Without one: the newest write at or
 * before the reader started.
 */
function pick(writes: readonly Write[], input: RunDataset, start: number, readerId: string): string | null {
  const others = writes.filter((w) => w.runId !== readerId);
  if (input.version !== null) {
    const same = others.filter((w) => w.version === input.version).sort((a, b) => b.time - a.time);
    if (same.length > 0) return (same.find((w) => w.time <= start) ?? same[same.length - 1])!.runId;
    if (others.some((w) => w.version !== null)) return null;
  }
  return others.filter((w) => w.time <= start).sort((a, b) => b.time - a.time)[0]?.runId ?? null;
}

/**
 * Fills each input's producedByRunId of runs rebuilt from their own events (which cannot tell who wrote
 * what they read): from the source's indexed runs and the other runs rebuilt with them. In place.
 */
export async function resolveProducers(db: Db, source: string, runs: readonly LineageRun[]): Promise<void> {
  const writesInBatch = new Map<string, Write[]>();
  for (const run of runs) {
    for (const out of run.outputs) {
      if (out.lifecycleChange === 'DROP') continue;
      const list = writesInBatch.get(refKey(out)) ?? [];
      list.push({ runId: run.runId, time: timeOf(run), version: out.version });
      writesInBatch.set(refKey(out), list);
    }
  }
  for (const run of runs) {
    const start = startOf(run);
    const unresolved = run.inputs.filter((input) => input.producedByRunId === null);
    const written = await writtenDatasets(db, source, unresolved);
    for (const input of unresolved) {
      // For a version read: its newest write at or before the start and its oldest after, whatever the number of
      // writes (the newest 50 of the version could all be later ones, and the pick then named the wrong run).
      const stored = !written.has(refKey(input)) ? [] : [
        ...(input.version === null ? [] : [
          ...await storedWrites(db, source, input, 'at-or-before', start, input.version, WRITES_OF_VERSION),
          ...await storedWrites(db, source, input, 'after', start, input.version, WRITES_OF_VERSION),
        ]),
        ...await storedWrites(db, source, input, 'at-or-before', start, null, WRITES_PER_INPUT),
      ];
      input.producedByRunId = pick([...stored, ...(writesInBatch.get(refKey(input)) ?? [])], input, start, run.runId);
    }
  }
}

/**
 * Runs of a source that read what these runs wrote and started after it (bounded per dataset): their
 * producer may be one of these runs, which arrived after them (Marquez is read newest first). Where the
 * bound leaves readers out, a warning says which dataset and run, and how many were re-resolved of how many.
 */
export async function readersOfOutputs(db: Db, source: string, runs: readonly LineageRun[]): Promise<string[]> {
  const found = new Set<string>();
  for (const run of runs) {
    for (const out of run.outputs) {
      let query = db.selectFrom('record_datasets as d')
        .innerJoin('lineage_records as r', (join) => join.onRef('r.source', '=', 'd.source').onRef('r.run_key', '=', 'd.run_key'))
        .select('r.run_id as runId')
        .where('d.side', '=', 'lineage').where('d.source', '=', source).where('d.direction', '=', 'input')
        .where('d.namespace', '=', out.namespace).where('d.name', '=', out.name)
        .where('d.started_ms', '>=', timeOf(run));
      if (out.version !== null) query = query.where('d.version', '=', out.version);
      // In order from the (…, started_ms) index: a dataset read 100,000 times costs the rows returned (one more
      // than the bound, to tell that it cut the list).
      const rows = await query.orderBy('d.started_ms').limit(READERS_PER_OUTPUT + 1).execute();
      if (rows.length > READERS_PER_OUTPUT) {
        logEvent('warn', 'lineage.readers-not-relinked', {
          source, run: run.runId, dataset: refKey(out), version: out.version, relinked: READERS_PER_OUTPUT, readers: `${READERS_PER_OUTPUT}+`,
          detail: `the first ${READERS_PER_OUTPUT} of ${READERS_PER_OUTPUT}+ runs that read it later were re-linked to their producer; the others keep theirs until re-indexed`,
        });
      }
      for (const row of rows.slice(0, READERS_PER_OUTPUT)) if (row.runId !== run.runId) found.add(row.runId);
    }
  }
  return [...found];
}
