import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Dataset, ExperimentRun, Job, LineageRun } from '@/lib/model';
import type { ChangeBatch, ChangeFeed, ExperimentSource, LineageSource } from './ports';

/** Records per batch: one short index transaction each, so pages keep answering while a snapshot is indexed. */
const BATCH = 500;

// Snapshot versions restart with the process: a cursor from another process never matches one of ours.
const PROCESS_EPOCH = randomUUID();

const cursorSchema = z.object({ epoch: z.string(), version: z.number(), offset: z.number().int(), pass: z.number().int(), total: z.number().int() });
type Cursor = z.infer<typeof cursorSchema>;

function parse(raw: string | null): Cursor | null {
  try {
    const parsed = raw === null ? null : cursorSchema.safeParse(JSON.parse(raw));
    return parsed?.success ? parsed.data : null;
  } catch {
    return null;
  }
}

type Source = { kind: 'lineage'; source: LineageSource } | { kind: 'experiment'; source: ExperimentSource };

const startOf = (run: LineageRun | ExperimentRun): number =>
  'job' in run ? Date.parse(run.startedAt ?? run.updatedAt) || 0 : (run.startTime ?? 0);

type Item = { run: LineageRun | ExperimentRun } | { job: Job } | { dataset: Dataset };

/**
 * A source that can only give its whole state (the local MLflow file store, `mlruns/`) as a change feed:
 * each new snapshot version is one pass, fed newest first in bounded batches; unchanged records are
 * skipped by the index, and records missing from a complete pass leave it.
 */
export function snapshotFeed(input: Source, label: string, followIntervalMs: number): ChangeFeed {
  let sorted: { version: number; runs: Item[] } | null = null;

  /** The snapshot's runs newest first, with (lineage sources) its jobs before and its datasets after. */
  async function runsOf(): Promise<{ version: number; runs: Item[] }> {
    const snapshot = await input.source.snapshot();
    if (sorted?.version !== snapshot.version) {
      const runs: Array<LineageRun | ExperimentRun> = [...snapshot.runs.values()];
      // Jobs first (few, and the job page needs them), then runs newest first, then datasets with their versions.
      const jobs: Item[] = 'jobs' in snapshot ? [...snapshot.jobs.values()].map((job) => ({ job })) : [];
      const datasets: Item[] = 'datasets' in snapshot ? [...snapshot.datasets.values()].map((dataset) => ({ dataset })) : [];
      sorted = { version: snapshot.version, runs: [...jobs, ...runs.sort((a, b) => startOf(b) - startOf(a)).map((run) => ({ run })), ...datasets] };
    }
    return sorted;
  }

  return {
    id: input.source.id,
    label,
    followIntervalMs,
    async changes(raw): Promise<ChangeBatch> {
      const { version, runs } = await runsOf();
      const previous = parse(raw);
      const same = previous !== null && previous.epoch === PROCESS_EPOCH && previous.version === version;
      const cursor: Cursor = same ? previous : { epoch: PROCESS_EPOCH, version, offset: 0, pass: (previous?.pass ?? 0) + 1, total: runs.length };
      const caughtUp = same && cursor.offset >= runs.length;
      const slice = caughtUp ? [] : runs.slice(cursor.offset, cursor.offset + BATCH);
      const offset = cursor.offset + slice.length;
      const next: Cursor = { ...cursor, offset };
      const runsIn = slice.flatMap((item) => ('run' in item ? [item.run] : []));
      return {
        lineageRuns: input.kind === 'lineage' ? (runsIn as LineageRun[]) : [],
        experimentRuns: input.kind === 'experiment' ? (runsIn as ExperimentRun[]) : [],
        jobs: slice.flatMap((item) => ('job' in item ? [item.job] : [])),
        datasets: slice.flatMap((item) => ('dataset' in item ? [item.dataset] : [])),
        pass: cursor.pass,
        passComplete: !caughtUp && offset >= runs.length,
        cursor: JSON.stringify(next),
        caughtUp,
        progress: { phase: offset >= runs.length ? 'follow' : 'backfill', done: offset, estimatedTotal: runs.length },
      };
    },
  };
}
