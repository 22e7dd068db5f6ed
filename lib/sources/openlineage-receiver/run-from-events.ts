import 'server-only';
import type { LineageRun } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { buildRunsAsync } from '@/lib/openlineage/build-run-records';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import { restBetweenSteps } from '@/lib/sources/event-loop-rest';
import { OFF_THREAD_CHARS, parseEventLineOffThread } from '@/lib/sources/parse-event-off-thread';

export const RECEIVER_SOURCE_ID = 'openlineage-receiver';

/** Stored event bodies as events; a body that no longer parses (after a schema change) is counted, not thrown. */
export function loadStoredEvents(bodies: readonly string[]): { events: LoadedEvent[]; unreadable: number } {
  const events: LoadedEvent[] = [];
  let unreadable = 0;
  for (const body of bodies) {
    let loaded: LoadedEvent | string;
    try {
      loaded = toLoadedEvent(JSON.parse(body));
    } catch {
      loaded = 'not JSON';
    }
    if (typeof loaded === 'string') unreadable++;
    else events.push(loaded);
  }
  return { events, unreadable };
}

/** One run rebuilt from the stored events of its runId (of the receiver, or of the feed `source`), with the same pure builders as the file source. */
export function runFromStoredEvents(runId: string, bodies: readonly string[], source = RECEIVER_SOURCE_ID): LineageRun | null {
  return buildModel(loadStoredEvents(bodies).events, source).runs.get(runId) ?? null;
}

/**
 * runFromStoredEvents with the event loop free: long bodies (a run reading 100,000 datasets) are parsed on the
 * worker thread and checked in slices, and only the run is built, a slice of its datasets at a time with the loop
 * resting between. The same run as runFromStoredEvents. A body may be given parsed already (as the feed that read
 * it parsed it): it is used as it is.
 */
export async function runFromStoredEventsOffThread(runId: string, bodies: ReadonlyArray<string | LoadedEvent>, source = RECEIVER_SOURCE_ID): Promise<LineageRun | null> {
  const short = bodies.filter((body): body is string => typeof body === 'string' && body.length <= OFF_THREAD_CHARS);
  const events = loadStoredEvents(short).events;
  for (const body of bodies) {
    if (typeof body !== 'string') events.push(body);
    else if (body.length > OFF_THREAD_CHARS) {
      const loaded = await parseEventLineOffThread(body);
      if (typeof loaded !== 'string') events.push(loaded);
    }
  }
  return (await buildRunsAsync(events, source, restBetweenSteps())).get(runId) ?? null;
}
