import type { Kysely, Transaction } from 'kysely';
import type { Dataset, ExperimentRun, Job, LineageRun } from '@/lib/model';
import { experimentRecordKeys, lineageRecordKeys } from '@/lib/join';
import type { IndexDatabase } from '@/lib/index/schema';
import { untilWalHasRoom } from '@/lib/index/open';
import { removeUnseen, upsertExperimentRecords, upsertLineageRecords, type RecordRef } from '@/lib/index/records';
import { addRunEdges, removeUnseenEntities, upsertDatasets, upsertJobs } from '@/lib/index/lineage-entities';
import { joinChanged } from './join-changed';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { transactionSizer } from './transaction-size';

export interface RecordChanges {
  lineageRuns?: readonly LineageRun[];
  experimentRuns?: readonly ExperimentRun[];
  /** Jobs and datasets a lineage source reported, with the source (they carry none of their own). */
  entities?: { source: string; jobs: readonly Job[]; datasets: readonly Dataset[] };
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


type Chunk = { lineage: readonly LineageRun[]; experiment: readonly ExperimentRun[]; jobs: readonly Job[]; datasets: readonly Dataset[]; last: boolean };

const EMPTY_CHUNK: Chunk = { lineage: [], experiment: [], jobs: [], datasets: [], last: false };

/** The records, then the jobs and datasets, in chunks of `size()` each, asked again before every chunk. */
function* chunksOf(changes: RecordChanges, size: () => number = () => 50): Generator<Chunk> {
  const parts: Array<[keyof Omit<Chunk, 'last'>, readonly unknown[]]> = [
    ['lineage', changes.lineageRuns ?? []], ['experiment', changes.experimentRuns ?? []],
    ['jobs', changes.entities?.jobs ?? []], ['datasets', changes.entities?.datasets ?? []],
  ];
  let left = parts.reduce((n, [, items]) => n + items.length, 0);
  if (left === 0) yield { ...EMPTY_CHUNK, last: true };
  for (const [kind, items] of parts) {
    for (let i = 0, end = 0; i < items.length; i = end) {
      end = i + size();
      const part = items.slice(i, end);
      left -= part.length;
      yield { ...EMPTY_CHUNK, [kind]: part, last: left === 0 };
    }
  }
}

/** Writes the chunk's jobs and datasets; after a complete pass, the source's entities it did not carry leave. */
async function writeEntities(tx: Transaction<IndexDatabase>, chunk: Chunk, changes: RecordChanges, pass: number): Promise<number> {
  const source = changes.entities?.source ?? changes.pass?.source;
  if (source === undefined) return 0;
  let written = await upsertJobs(tx, source, chunk.jobs, pass) + await upsertDatasets(tx, source, chunk.datasets, pass);
  if (chunk.last && changes.pass?.complete) written += await removeUnseenEntities(tx, changes.pass.source, pass);
  return written;
}

/**
 * A written run with more datasets than this has its edges added after its transaction, in transactions of their
 * own: a 100,000-input run's edges doubled its COMMIT. The edges are its job's graph, which the source's jobs write
 * apart from the runs anyway; the run itself (record, dataset rows, join) stays in one transaction.
 */
export const EDGES_IN_RUN_TRANSACTION = 2_000;

const edgeCount = (run: LineageRun) => run.inputs.length + run.outputs.length;

/** The edges of these runs, EDGES_IN_RUN_TRANSACTION a transaction, the event loop resting between. */
async function addEdgesApart(db: Kysely<IndexDatabase>, runs: readonly LineageRun[]): Promise<void> {
  for (const run of runs) {
    const parts: LineageRun[] = [];
    for (let i = 0; i < run.inputs.length; i += EDGES_IN_RUN_TRANSACTION) parts.push({ ...run, inputs: run.inputs.slice(i, i + EDGES_IN_RUN_TRANSACTION), outputs: [] });
    for (let i = 0; i < run.outputs.length; i += EDGES_IN_RUN_TRANSACTION) parts.push({ ...run, inputs: [], outputs: run.outputs.slice(i, i + EDGES_IN_RUN_TRANSACTION) });
    for (const part of parts) {
      await untilWalHasRoom(db);
      const started = performance.now();
      await db.transaction().execute((tx) => addRunEdges(tx, [part]));
      await restAfter(performance.now() - started);
    }
  }
}

/**
 * Writes one chunk's records and re-joins what they affect, inside the caller's transaction; the edges of runs with
 * many datasets are left in `edgesLater` for addEdgesApart.
 */
async function writeChunk(tx: Transaction<IndexDatabase>, chunk: Chunk, changes: RecordChanges, now: number, edgesLater: LineageRun[]): Promise<AppliedChanges> {
  const pass = changes.pass?.number ?? 0;
  const changed: RecordRef[] = [
    ...await upsertLineageRecords(tx, chunk.lineage.map((run) => ({ run, pass, ...lineageRecordKeys(run) }))),
    ...await upsertExperimentRecords(tx, chunk.experiment.map((run) => ({ run, pass, ...experimentRecordKeys(run) }))),
    ...(chunk.last && changes.pass?.complete ? await removeUnseen(tx, changes.pass.source, pass) : []),
  ];
  const written = new Set(changed.filter((r) => r.side === 'lineage').map((r) => `${r.source}\u0000${r.key}`));
  const edged = chunk.lineage.filter((run) => written.has(`${run.source}\u0000${lineageRecordKeys(run).key}`));
  await addRunEdges(tx, edged.filter((run) => edgeCount(run) <= EDGES_IN_RUN_TRANSACTION));
  edgesLater.push(...edged.filter((run) => edgeCount(run) > EDGES_IN_RUN_TRANSACTION));
  const joined = await joinChanged(tx, changed, now);
  return { written: changed.length + await writeEntities(tx, chunk, changes, pass), joined };
}

const applyChunk = (db: Kysely<IndexDatabase>, chunk: Chunk, changes: RecordChanges, now: number, edgesLater: LineageRun[]): Promise<AppliedChanges> =>
  db.transaction().execute((tx) => writeChunk(tx, chunk, changes, now, edgesLater));

/**
 * Writes a batch of source records and re-joins what they affect, in short transactions (each
 * atomic: a record and the runs it changes are written together); unchanged records cost one lookup.
 */
export function applyChanges(db: Kysely<IndexDatabase>, changes: RecordChanges, now = Date.now()): Promise<AppliedChanges> {
  const run = queue.then(async () => {
    const total: AppliedChanges = { written: 0, joined: 0 };
    for (const chunk of chunksOf(changes, sizer.size)) {
      await untilWalHasRoom(db);
      const started = performance.now();
      const edgesLater: LineageRun[] = [];
      const applied = await applyChunk(db, chunk, changes, now, edgesLater);
      const took = performance.now() - started;
      sizer.took(took);
      total.written += applied.written;
      total.joined += applied.joined;
      await restAfter(took);
      await addEdgesApart(db, edgesLater);
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
  const edgesLater: LineageRun[] = [];
  const run = queue.then(() => untilWalHasRoom(db)).then(() => db.transaction().execute(async (tx) => {
    const changes = await prepare(tx);
    const total: AppliedChanges = { written: 0, joined: 0 };
    for (const chunk of chunksOf(changes)) {
      const applied = await writeChunk(tx, chunk, changes, now, edgesLater);
      total.written += applied.written;
      total.joined += applied.joined;
    }
    return total;
  })).then(async (total) => {
    await addEdgesApart(db, edgesLater);
    return total;
  });
  queue = run.catch(() => undefined);
  return run;
}
