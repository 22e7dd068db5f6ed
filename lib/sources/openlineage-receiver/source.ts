import 'server-only';
import type { SourceHealth } from '@/lib/model';
import type { LoadedEvent } from '@/lib/openlineage/parse-text';
import { buildModel } from '@/lib/openlineage/build-model';
import type { LineageSnapshot, LineageSource } from '@/lib/sources/ports';
import { loadStoredEvents, RECEIVER_SOURCE_ID } from './run-from-events';

/** What the source reads of the index's received_events (lib/sync wires it; sources do not import lib/index). */
export interface ReceivedEventStore {
  lastSeq(): Promise<number>;
  after(seq: number, limit: number): Promise<Array<{ seq: number; body: string }>>;
  counts(): Promise<{ events: number; runEvents: number; runs: number; lastReceivedMs: number | null }>;
}

export interface ReceiverSourceOptions {
  /** At most one look for new events per interval. */
  refreshIntervalMs: number;
  /** Events held in memory for jobs, datasets and the graph (the newest; older ones are left out and counted). */
  maxEvents?: number;
}

/** Rows read and parsed per step while catching up; the event loop is yielded between steps. */
const PAGE = 500;
/** After a rebuild that took t ms, the next waits at least this many times t: slow rebuilds hold the event loop less often. */
const REBUILD_PAUSE_FACTOR = 5;
// Measured on groot-a-sized events (~5 KB): ~7 KB of heap each, and buildModel ~0.25 ms each on a busy 2-core box,
// so 5,000 events hold ~37 MB and rebuild in ~1.3 s. Jobs and datasets in the index would lift this bound.
export const DEFAULT_MAX_EVENTS = 5_000;

/**
 * Jobs, datasets and the lineage graph of the events POSTed to /api/v1/lineage, from the stored
 * events (read incrementally by seq, newest `maxEvents` kept). Its runs reach the run index through
 * the receiver itself, which rebuilds each run as its events arrive.
 */
export function createReceiverSource(store: ReceivedEventStore, options: ReceiverSourceOptions): LineageSource {
  const maxEvents = options.maxEvents ?? DEFAULT_MAX_EVENTS;
  let held: LoadedEvent[] = [];
  let readSeq = 0;
  let unreadable = 0;
  let counted: { seq: number; counts: Awaited<ReturnType<ReceivedEventStore['counts']>> } | null = null;
  let current: LineageSnapshot | null = null;
  let lastCheck = -Infinity;
  let lastBuildMs = 0;
  let pending: Promise<LineageSnapshot> | null = null;

  async function refresh(): Promise<LineageSnapshot> {
    const last = await store.lastSeq();
    if (current !== null && last <= readSeq) return current;
    // First read: only the newest events are kept, so older ones are not even read (seq is dense but for rolled-back gaps).
    if (current === null) readSeq = Math.max(0, last - maxEvents);
    for (;;) {
      const rows = await store.after(readSeq, PAGE);
      if (rows.length === 0) break;
      const loaded = loadStoredEvents(rows.map((r) => r.body));
      unreadable += loaded.unreadable;
      held.push(...loaded.events);
      readSeq = rows[rows.length - 1]!.seq;
      if (held.length > maxEvents) held = held.slice(held.length - maxEvents);
      if (rows.length < PAGE) break;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const started = performance.now();
    current = { version: (current?.version ?? 0) + 1, ...buildModel(held, RECEIVER_SOURCE_ID) };
    lastBuildMs = performance.now() - started;
    return current;
  }

  function snapshot(): Promise<LineageSnapshot> {
    const interval = Math.max(options.refreshIntervalMs, lastBuildMs * REBUILD_PAUSE_FACTOR);
    if (current !== null && performance.now() - lastCheck < interval) return Promise.resolve(current);
    pending ??= refresh().finally(() => {
      lastCheck = performance.now();
      pending = null;
    });
    return pending;
  }

  async function counts(): Promise<Awaited<ReturnType<ReceivedEventStore['counts']>>> {
    // Recounted only when the snapshot read new events, so at most once per snapshot refresh.
    if (counted === null || counted.seq !== readSeq) {
      const seq = readSeq;
      counted = { seq, counts: await store.counts() };
    }
    return counted.counts;
  }

  async function health(): Promise<SourceHealth> {
    const snap = await snapshot();
    const { events, runEvents, runs, lastReceivedMs } = await counts();
    const dropped = events - held.length - unreadable;
    // Left-out events are a bound, not bad input: said in details, not counted as problems.
    const problems = unreadable > 0 ? [{ where: 'received events', message: `${unreadable} stored events no longer parse and are left out` }] : [];
    const details: Record<string, string> = {};
    if (lastReceivedMs !== null) details.lastReceived = new Date(lastReceivedMs).toISOString();
    if (dropped > 0) details.graphBound = `jobs, datasets and the graph are built from the newest ${maxEvents.toLocaleString('en-US')} events; ${dropped.toLocaleString('en-US')} older ones are left out (their runs stay in the run index)`;
    return {
      id: RECEIVER_SOURCE_ID,
      label: 'OpenLineage receiver',
      kind: 'lineage',
      configured: true,
      location: 'POST /api/v1/lineage',
      status: 'ok',
      counts: {
        events, runEvents, otherEvents: events - runEvents, runs,
        jobs: snap.jobs.size, datasets: snap.datasets.size,
      },
      problems,
      error: null,
      details,
      checkedAt: new Date().toISOString(),
    };
  }

  return { id: RECEIVER_SOURCE_ID, snapshot, health };
}
