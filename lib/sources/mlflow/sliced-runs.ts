import 'server-only';
import type { ExperimentRun, SourceProblem } from '@/lib/model';
import { parseWire } from '@/lib/http/parse-wire';
import { SourceError } from '@/lib/http/source-error';
import { MLFLOW_LABEL } from './client';
import { mapRun, type ExperimentIndex } from './map-run';
import { runSchema, type WireRun } from './schemas';

/**
 * Runs validated or mapped between two turns of the event loop. A real run takes about 0.1 ms to validate
 * and map; 100 of them keep each turn near 10 ms, so pages and /api/live answer while a backfill page is read.
 */
export const RUNS_PER_SLICE = 100;

/** Lets timers and I/O run (awaiting a resolved promise alone never does). */
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** runs/search's runs, each checked against the run schema a slice at a time; a malformed run fails the page, naming it. */
export async function validateRunsInSlices(raw: readonly unknown[], endpoint: string): Promise<WireRun[]> {
  const runs: WireRun[] = [];
  for (let start = 0; start < raw.length; start += RUNS_PER_SLICE) {
    if (start > 0) await yieldToEventLoop();
    for (let i = start; i < Math.min(raw.length, start + RUNS_PER_SLICE); i++) {
      const parsed = parseWire(runSchema, raw[i]);
      if (!parsed.ok) {
        throw new SourceError({ source: MLFLOW_LABEL, kind: 'parse', message: `${MLFLOW_LABEL}: POST ${endpoint} answered an unexpected run (runs.${i}): ${parsed.message}` });
      }
      runs.push(parsed.value);
    }
  }
  return runs;
}

/** mapRun over many runs, a slice per turn of the event loop. */
export async function mapRunsInSlices(wire: readonly WireRun[], index: ExperimentIndex, report: (problem: SourceProblem) => void): Promise<ExperimentRun[]> {
  const runs: ExperimentRun[] = [];
  for (let start = 0; start < wire.length; start += RUNS_PER_SLICE) {
    if (start > 0) await yieldToEventLoop();
    for (const w of wire.slice(start, start + RUNS_PER_SLICE)) {
      const run = mapRun(w, index, report);
      if (run) runs.push(run);
    }
  }
  return runs;
}
