import 'server-only';
import type { SourceHealth } from '@/lib/model';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { RECEIVER_SOURCE_ID } from './run-from-events';

/** What the source reads of the index (lib/sync wires it; sources do not import lib/index). */
export interface ReceivedEventStore {
  /** The newest stored event's seq: whether anything arrived since the counts were taken. */
  lastSeq(): Promise<number>;
  counts(): Promise<{ events: number; runEvents: number; runs: number; lastReceivedMs: number | null }>;
  /** Jobs and datasets the received events reported, as the index holds them. */
  entityCounts(): Promise<{ jobs: number; datasets: number }>;
}

const EMPTY: LineageSnapshot = { version: 0, runs: new Map(), jobs: new Map(), datasets: new Map(), graph: { nodes: [], edges: [] } };

/**
 * The receiver's card on /health. Everything POSTed to /api/v1/lineage reaches the run index as it
 * arrives (runs, jobs, datasets, versions and edges: lib/sync/receive-events.ts), and pages read it from
 * there, so this source holds nothing in memory: its snapshot is empty and its counts come from the index,
 * taken again only when a new event was stored.
 */
export function createReceiverSource(store: ReceivedEventStore): LineageSource {
  let counted: { seq: number; counts: Awaited<ReturnType<ReceivedEventStore['counts']>>; entities: { jobs: number; datasets: number } } | null = null;

  async function health(): Promise<SourceHealth> {
    const seq = await store.lastSeq();
    if (counted === null || counted.seq !== seq) counted = { seq, counts: await store.counts(), entities: await store.entityCounts() };
    const { events, runEvents, runs, lastReceivedMs } = counted.counts;
    const details: Record<string, string> = {};
    if (lastReceivedMs !== null) details.lastReceived = new Date(lastReceivedMs).toISOString();
    return {
      id: RECEIVER_SOURCE_ID,
      label: 'OpenLineage receiver',
      kind: 'lineage',
      configured: true,
      location: 'POST /api/v1/lineage',
      status: 'ok',
      counts: { events, runEvents, otherEvents: events - runEvents, runs, ...counted.entities },
      problems: [],
      error: null,
      details,
      checkedAt: new Date().toISOString(),
    };
  }

  return { id: RECEIVER_SOURCE_ID, snapshot: async () => EMPTY, health };
}
