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

export interface ExactRunContext {
  client: MarquezClient;
  /** The job of a run the snapshot knows, for runs whose Marquez record does not name it. */
  jobOf(runUuid: string): JobRef | null;
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

/** The run's own events, from the time window Marquez reports for it (paged to the end, capped). */
async function ownEvents(client: MarquezClient, wire: WireRun, now: number): Promise<LoadedEvent[]> {
  const start = isoOf(wire.startedAt) ?? isoOf(wire.createdAt) ?? isoOf(wire.endedAt);
  const end = isoOf(wire.endedAt) ?? (TERMINAL_STATES.has(runStateOf(wire.state)) ? isoOf(wire.updatedAt) : null) ?? new Date(now).toISOString();
  const after = start === null ? null : isoShift(start, -WINDOW_PADDING_MS);
  const before = isoShift(end, WINDOW_PADDING_MS);
  if (after === null || before === null) return [];
  const paged = await fetchAllPages(async (limit, offset) => {
    const page = await client.lineageEvents({ after, before, limit, offset, sortDirection: 'asc' });
    return { items: page.events, totalCount: page.totalCount ?? null };
  }, { pageSize: EVENT_PAGE, max: MAX_EVENTS });
  const out: LoadedEvent[] = [];
  for (const raw of paged.items) {
    const runId = runIdOf(raw);
    if (runId === null || marquezRunUuid(runId) !== wire.id) continue;
    const loaded = toLoadedEvent(raw);
    if (typeof loaded !== 'string') out.push(loaded);
  }
  return out;
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

  async get(id: string): Promise<ExactRun | null> {
    for (const uuid of runUuidCandidates(id)) {
      const cached = this.cache.get(uuid);
      if (cached !== undefined) return cached;
      const wire = await this.context.client.run(uuid);
      if (wire !== null) return this.build(wire);
    }
    return null;
  }

  private async build(wire: WireRun): Promise<ExactRun> {
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
    const job = wire.jobVersion != null ? { namespace: wire.jobVersion.namespace, name: wire.jobVersion.name } : this.context.jobOf(wire.id);
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
