import 'server-only';
import type { ExactRun, JobRef, LineageRun } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { SourceError, isSourceError } from '@/lib/http/source-error';
import { MARQUEZ_LABEL, type MarquezClient } from './client';
import { isoOf, runStateOf, TERMINAL_STATES } from './map-common';
import { MARQUEZ_SOURCE_ID, mapRun, withoutVersions } from './map-run';
import { marquezRunUuid, runUuidCandidates } from './name-based-uuid';
import { fetchAllPages } from './paging';
import type { WireRun } from './schemas';

// Event times and Marquez's run times come from the same clock but may be rounded differently.
const WINDOW_PADDING_MS = 60_000;
const EVENT_PAGE = 200;
const MAX_EVENTS = 10_000;
const CACHE_SIZE = 500;
/** A batch asks at most this many windows: the closest ones are joined until it fits. */
const MAX_BATCH_WINDOWS = 3;

export interface ExactRunContext {
  client: MarquezClient;
  now(): number;
}

function isoShift(iso: string, ms: number): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t + ms).toISOString();
}

function runIdOf(event: unknown): string | null {
  if (typeof event !== 'object' || event === null || !('run' in event)) return null;
  const run = event.run;
  if (typeof run !== 'object' || run === null || !('runId' in run)) return null;
  return typeof run.runId === 'string' ? run.runId : null;
}

/** The events of the runs `wanted` keeps (by Marquez run UUID) within one time window, paged to the end (capped). */
async function eventsOf(client: MarquezClient, window: { after: string; before: string }, wanted: (uuid: string) => boolean): Promise<LoadedEvent[]> {
  const paged = await fetchAllPages(async (limit, offset) => {
    const page = await client.lineageEvents({ ...window, limit, offset, sortDirection: 'asc' });
    return { items: page.events, totalCount: page.totalCount ?? null };
  }, { pageSize: EVENT_PAGE, max: MAX_EVENTS });
  const out: LoadedEvent[] = [];
  for (const raw of paged.items) {
    const runId = runIdOf(raw);
    if (runId === null || !wanted(marquezRunUuid(runId))) continue;
    const loaded = toLoadedEvent(raw);
    if (typeof loaded !== 'string') out.push(loaded);
  }
  return out;
}

/** A run's time span widened by the padding, or null when it has no usable start. */
function windowOf(start: string | null, end: string): { after: string; before: string } | null {
  const after = start === null ? null : isoShift(start, -WINDOW_PADDING_MS);
  const before = isoShift(end, WINDOW_PADDING_MS);
  return after === null || before === null ? null : { after, before };
}

/** The run's own events, from the time window Marquez reports for it (paged to the end, capped). */
async function ownEvents(client: MarquezClient, wire: WireRun, now: number): Promise<LoadedEvent[]> {
  const start = isoOf(wire.startedAt) ?? isoOf(wire.createdAt) ?? isoOf(wire.endedAt);
  const end = isoOf(wire.endedAt) ?? (TERMINAL_STATES.has(runStateOf(wire.state)) ? isoOf(wire.updatedAt) : null) ?? new Date(now).toISOString();
  const window = windowOf(start, end);
  return window === null ? [] : eventsOf(client, window, (uuid) => uuid === wire.id);
}

/**
 * Overlapping windows merged, so runs close in time share one events query; then the two closest
 * windows are joined until at most `max` are left, so a page of runs costs a few queries, not one per run.
 */
export function mergedWindows(windows: Array<{ after: string; before: string }>, max = MAX_BATCH_WINDOWS): Array<{ after: string; before: string }> {
  const sorted = [...windows].sort((a, b) => Date.parse(a.after) - Date.parse(b.after));
  const out: Array<{ after: string; before: string }> = [];
  for (const w of sorted) {
    const last = out.at(-1);
    if (last !== undefined && Date.parse(w.after) <= Date.parse(last.before)) {
      if (Date.parse(w.before) > Date.parse(last.before)) last.before = w.before;
    } else out.push({ ...w });
  }
  while (out.length > Math.max(1, max)) {
    let closest = 0;
    const gap = (i: number) => Date.parse(out[i + 1]!.after) - Date.parse(out[i]!.before);
    for (let i = 1; i < out.length - 1; i++) if (gap(i) < gap(closest)) closest = i;
    const [first, second] = out.splice(closest, 2);
    out.splice(closest, 0, { after: first!.after, before: Date.parse(second!.before) > Date.parse(first!.before) ? second!.before : first!.before });
  }
  return out;
}

/** A run to look up in a batch: its id and the times Marquez reported for it (e.g. by /runlineage/upstream). */
export interface ExactRunQuery {
  runId: string;
  startedAt: string | null;
  endedAt: string | null;
}

function fromEvents(events: readonly LoadedEvent[], uuid: string): LineageRun | null {
  const runs = [...buildModel(events, MARQUEZ_SOURCE_ID).runs.values()];
  // Spellings of one UUID (upper/lower case) are one Marquez run; prefer the canonical one.
  return runs.find((r) => r.runId === uuid) ?? runs[0] ?? null;
}

/**
 * Looks a run up by any id (OpenLineage runId, an MLflow 32-hex id, a non-UUID runId) and rebuilds
 * it from its own events, so its versions and dataset facets are exactly what it read and wrote.
 * Finished runs are cached (they never change).
 */
export class ExactRuns {
  private readonly cache = new Map<string, ExactRun>();

  constructor(private readonly context: ExactRunContext) {}

  /** `known.job`: the run's job as the index holds it, for a run whose Marquez record names none. */
  async get(id: string, known?: { job: JobRef }): Promise<ExactRun | null> {
    for (const uuid of runUuidCandidates(id)) {
      const cached = this.cache.get(uuid);
      if (cached !== undefined) return cached;
      const wire = await this.context.client.run(uuid);
      if (wire !== null) return this.build(wire, known?.job ?? null);
    }
    return null;
  }

  /**
   * Several runs at once from their own events: one events query per merged time window instead of
   * two requests per run. Runs whose events were not found (or fell past a capped window) are left out.
   */
  async many(queries: readonly ExactRunQuery[]): Promise<Map<string, LineageRun>> {
    const found = new Map<string, LineageRun>();
    const wanted = new Map<string, string>();
    const windows: Array<{ after: string; before: string }> = [];
    for (const q of queries) {
      const uuid = marquezRunUuid(q.runId);
      const cached = this.cache.get(uuid);
      if (cached !== undefined && cached.basis === 'own-events') {
        found.set(q.runId, cached.run);
        continue;
      }
      const window = windowOf(q.startedAt ?? q.endedAt, q.endedAt ?? new Date(this.context.now()).toISOString());
      if (window === null) continue;
      wanted.set(uuid, q.runId);
      windows.push(window);
    }
    if (wanted.size === 0) return found;
    const batches = await Promise.all(mergedWindows(windows).map((w) => eventsOf(this.context.client, w, (uuid) => wanted.has(uuid))));
    for (const run of buildModel(batches.flat(), MARQUEZ_SOURCE_ID).runs.values()) {
      const asked = wanted.get(marquezRunUuid(run.runId));
      if (asked === undefined || found.has(asked)) continue;
      found.set(asked, run);
      if (TERMINAL_STATES.has(run.state)) this.remember(marquezRunUuid(run.runId), { run, basis: 'own-events' });
    }
    return found;
  }

  private async build(wire: WireRun, knownJob: JobRef | null): Promise<ExactRun> {
    let exact: LineageRun | null = null;
    let failure: unknown = null;
    try {
      exact = fromEvents(await ownEvents(this.context.client, wire, this.context.now()), wire.id);
    } catch (error) {
      if (!isSourceError(error)) throw error;
      failure = error;
    }
    if (exact !== null) {
      const result: ExactRun = { run: exact, basis: 'own-events' };
      if (TERMINAL_STATES.has(exact.state)) this.remember(wire.id, result);
      return result;
    }
    // Events out of reach: Marquez's run, with versions blanked rather than shown wrong.
    const job = wire.jobVersion != null ? { namespace: wire.jobVersion.namespace, name: wire.jobVersion.name } : knownJob;
    if (job === null) {
      throw failure ?? new SourceError({ source: MARQUEZ_LABEL, kind: 'parse', message: `${MARQUEZ_LABEL}: run ${wire.id} names no job and none of its events were found` });
    }
    return { run: withoutVersions(mapRun(wire, job)), basis: 'source-record' };
  }

  private remember(uuid: string, run: ExactRun): void {
    if (this.cache.size >= CACHE_SIZE) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) this.cache.delete(oldest.value);
    }
    this.cache.set(uuid, run);
  }
}
