import type { LineageRun } from '@/lib/model';
import type { OpenIndex } from '@/lib/index/open';
import { insertReceivedEvents, lockRuns, runEventBodies } from '@/lib/index/received-events';
import type { ReceivedEvent } from '@/lib/sources/openlineage-receiver/parse-body';
import { loadStoredEvents, RECEIVER_SOURCE_ID, runFromStoredEvents } from '@/lib/sources/openlineage-receiver/run-from-events';
import { buildModel } from '@/lib/openlineage/build-model';
import { readersOfOutputs, resolveProducers } from '@/lib/index/lineage-producers';
import { applyChangesWithin, type AppliedChanges } from './apply-changes';

export interface ReceiveResult extends AppliedChanges {
  stored: number;
  /** Runs rebuilt from their stored events. */
  runs: number;
}

/**
 * Stores validated events and rebuilds each run they touch from all its stored events (bounded), in
 * one transaction with the incremental join: a batch is stored and indexed whole, or not at all.
 */
export async function receiveEvents(index: Pick<OpenIndex, 'db' | 'dialect'>, events: readonly ReceivedEvent[], now = Date.now()): Promise<ReceiveResult> {
  const runIds = [...new Set(events.flatMap((e) => (e.runId === null ? [] : [e.runId])))];
  let rebuilt = 0;
  const applied = await applyChangesWithin(index.db, async (tx) => {
    await lockRuns(tx, index.dialect, runIds);
    await insertReceivedEvents(tx, events, now);
    const lineageRuns: LineageRun[] = [];
    const touched: string[] = events.filter((e) => e.runId === null).map((e) => e.body);
    const rebuild = async (ids: readonly string[]) => {
      for (const runId of ids) {
        const { bodies } = await runEventBodies(tx, runId);
        const run = runFromStoredEvents(runId, bodies);
        if (run) lineageRuns.push(run);
        touched.push(...bodies);
      }
    };
    await rebuild(runIds);
    // As the feeds do (store-feed-events.ts): readers received before their producer are rebuilt with it, and
    // every rebuilt run's inputs name the run that wrote them, from the index and this batch.
    await rebuild((await readersOfOutputs(tx, RECEIVER_SOURCE_ID, lineageRuns)).filter((id) => !runIds.includes(id)));
    await resolveProducers(tx, RECEIVER_SOURCE_ID, lineageRuns);
    rebuilt = lineageRuns.length;
    // The jobs and datasets as the touched runs' events (and the batch's DatasetEvents and JobEvents) describe them.
    const model = buildModel(loadStoredEvents(touched).events, RECEIVER_SOURCE_ID);
    return { lineageRuns, entities: { source: RECEIVER_SOURCE_ID, jobs: [...model.jobs.values()], datasets: [...model.datasets.values()] } };
  }, now);
  return { ...applied, stored: events.length, runs: rebuilt };
}
