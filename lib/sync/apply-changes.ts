import type { Kysely, Transaction } from 'kysely';
import type { ExperimentRun, LineageRun } from '@/lib/model';
import { experimentRecordKeys, lineageRecordKeys } from '@/lib/join';
import type { IndexDatabase } from '@/lib/index/schema';
import { removeUnseen, upsertExperimentRecords, upsertLineageRecords, type RecordRef } from '@/lib/index/records';
import { joinChanged } from './join-changed';

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

// Writers of one process take turns: two joins over overlapping neighbourhoods must not interleave.
let queue: Promise<unknown> = Promise.resolve();

/** Writes a batch of source records and re-joins what they affect, atomically; unchanged records cost one lookup. */
export function applyChanges(db: Kysely<IndexDatabase>, changes: RecordChanges, now = Date.now()): Promise<AppliedChanges> {
  return applyChangesWithin(db, () => Promise.resolve(changes), now);
}

/**
 * As applyChanges, with the records worked out inside the same transaction by `prepare` (the receiver
 * stores raw events there and rebuilds runs from them): all of it is written, or none.
 */
export function applyChangesWithin(db: Kysely<IndexDatabase>, prepare: (tx: Transaction<IndexDatabase>) => Promise<RecordChanges>, now = Date.now()): Promise<AppliedChanges> {
  const run = queue.then(() => db.transaction().execute(async (tx) => {
    const changes = await prepare(tx);
    const pass = changes.pass?.number ?? 0;
    const changed: RecordRef[] = [
      ...await upsertLineageRecords(tx, (changes.lineageRuns ?? []).map((run) => ({ run, pass, ...lineageRecordKeys(run) }))),
      ...await upsertExperimentRecords(tx, (changes.experimentRuns ?? []).map((run) => ({ run, pass, ...experimentRecordKeys(run) }))),
      ...(changes.pass?.complete ? await removeUnseen(tx, changes.pass.source, pass) : []),
    ];
    const joined = await joinChanged(tx, changed, now);
    return { written: changed.length, joined };
  }));
  queue = run.catch(() => undefined);
  return run;
}
