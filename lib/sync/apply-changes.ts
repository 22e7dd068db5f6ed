import type { Kysely, Transaction } from 'kysely';
import type { ExperimentRun, LineageRun } from '@/lib/model';
import { experimentRecordKeys, lineageRecordKeys } from '@/lib/join';
import type { IndexDatabase } from '@/lib/index/schema';
import { removeUnseen, upsertExperimentRecords, upsertLineageRecords, type RecordRef } from '@/lib/index/records';
import { joinChanged } from './join-changed';
import { transactionSizer } from './transaction-size';

export interface RecordChanges {
  lineageRuns?: readonly LineageRun[];
  experimentRuns?: readonly ExperimentRun[];
  /** The source pass these records belong to; with `complete`, the source's records this pass did not carry are removed. */
  pass?: { source: string; number: number; complete: boolean };
}

export interface AppliedChanges {
  /** Records that were new or differed from the index. */
  written: number;
  /** Joined runs rewritten because of them. */
  joined: number;
}

/**
 * Records per transaction: at most 50, fewer while transactions take longer than 30 ms (a busy
 * machine), since SQLite answers synchronously and a transaction holds the event loop.
 */
const sizer = transactionSizer({ max: 50, budgetMs: 30 });

// Writers of one process take turns: two joins over overlapping neighbourhoods must not interleave.
let queue: Promise<unknown> = Promise.resolve();

/** Lets timers and I/O run between transactions (awaiting a resolved promise alone never does). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

type Chunk = { lineage: readonly LineageRun[]; experiment: readonly ExperimentRun[]; last: boolean };

/** The records in chunks of `size()` each, asked again before every chunk (lineage first, then experiment). */
function* chunksOf(changes: RecordChanges, size: () => number = () => 50): Generator<Chunk> {
  const lineage = changes.lineageRuns ?? [];
  const experiment = changes.experimentRuns ?? [];
  if (lineage.length + experiment.length === 0) yield { lineage: [], experiment: [], last: true };
  for (let i = 0, end = 0; i < lineage.length; i = end) {
    end = i + size();
    yield { lineage: lineage.slice(i, end), experiment: [], last: end >= lineage.length && experiment.length === 0 };
  }
  for (let i = 0, end = 0; i < experiment.length; i = end) {
    end = i + size();
    yield { lineage: [], experiment: experiment.slice(i, end), last: end >= experiment.length };
  }
}

/** Writes one chunk's records and re-joins what they affect, inside the caller's transaction. */
async function writeChunk(tx: Transaction<IndexDatabase>, chunk: Chunk, changes: RecordChanges, now: number): Promise<AppliedChanges> {
  const pass = changes.pass?.number ?? 0;
  const changed: RecordRef[] = [
    ...await upsertLineageRecords(tx, chunk.lineage.map((run) => ({ run, pass, ...lineageRecordKeys(run) }))),
    ...await upsertExperimentRecords(tx, chunk.experiment.map((run) => ({ run, pass, ...experimentRecordKeys(run) }))),
    ...(chunk.last && changes.pass?.complete ? await removeUnseen(tx, changes.pass.source, pass) : []),
  ];
  const joined = await joinChanged(tx, changed, now);
  return { written: changed.length, joined };
}

const applyChunk = (db: Kysely<IndexDatabase>, chunk: Chunk, changes: RecordChanges, now: number): Promise<AppliedChanges> =>
  db.transaction().execute((tx) => writeChunk(tx, chunk, changes, now));

/**
 * Writes a batch of source records and re-joins what they affect, in short transactions (each
 * atomic: a record and the runs it changes are written together); unchanged records cost one lookup.
 */
export function applyChanges(db: Kysely<IndexDatabase>, changes: RecordChanges, now = Date.now()): Promise<AppliedChanges> {
  const run = queue.then(async () => {
    const total: AppliedChanges = { written: 0, joined: 0 };
    for (const chunk of chunksOf(changes, sizer.size)) {
      const started = performance.now();
      const applied = await applyChunk(db, chunk, changes, now);
      sizer.took(performance.now() - started);
      total.written += applied.written;
      total.joined += applied.joined;
      await yieldToEventLoop();
    }
    return total;
  });
  queue = run.catch(() => undefined);
  return run;
}

/**
 * As applyChanges, with the records worked out inside one transaction by `prepare` (the receiver
 * stores raw events there and rebuilds runs from them): all of it is written, or none. Its batches
 * are bounded by the request body, so one transaction stays short.
 */
export function applyChangesWithin(db: Kysely<IndexDatabase>, prepare: (tx: Transaction<IndexDatabase>) => Promise<RecordChanges>, now = Date.now()): Promise<AppliedChanges> {
  const run = queue.then(() => db.transaction().execute(async (tx) => {
    const changes = await prepare(tx);
    const total: AppliedChanges = { written: 0, joined: 0 };
    for (const chunk of chunksOf(changes)) {
      const applied = await writeChunk(tx, chunk, changes, now);
      total.written += applied.written;
      total.joined += applied.joined;
    }
    return total;
  }));
  queue = run.catch(() => undefined);
  return run;
}
