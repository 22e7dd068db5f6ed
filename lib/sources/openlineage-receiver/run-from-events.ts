import 'server-only';
import type { LineageRun } from '@/lib/model';
import { buildModel } from '@/lib/openlineage/build-model';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';

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
