import type { LoadedEvent } from './parse-text';

// Within one timestamp a START comes before a RUNNING, which comes before the run's end.
const RANK = new Map([['START', 0], ['RUNNING', 1], ['COMPLETE', 3], ['FAIL', 3], ['ABORT', 3]]);

export function eventTypeOf(event: LoadedEvent): string {
  return event.wire.kind === 'run' ? (event.wire.event.eventType ?? 'OTHER').toUpperCase() : 'OTHER';
}

/** The event's whole content: equal texts are the same event read twice (a folder and its JSON Lines twin). */
const contents = new WeakMap<LoadedEvent, string>();
export function contentOf(event: LoadedEvent): string {
  let text = contents.get(event);
  if (text === undefined) {
    text = JSON.stringify(event.wire.event);
    contents.set(event, text);
  }
  return text;
}

const runIdOf = (e: LoadedEvent): string => (e.wire.kind === 'run' ? e.wire.event.run.runId : '');
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

interface Keyed {
  event: LoadedEvent;
  rank: number;
  runId: string;
}

/**
 * Oldest first; at one instant by lifecycle (START before COMPLETE), then by runId, then by content
 * (only then is an event serialised), so the order — and every merge built on it — does not depend
 * on the order the events arrived in.
 */
function compareKeyed(a: Keyed, b: Keyed): number {
  const first = a.event.time - b.event.time || a.rank - b.rank || cmp(a.runId, b.runId);
  return first !== 0 ? first : cmp(contentOf(a.event), contentOf(b.event));
}

/** Sorted as compareKeyed says; identical events (same content) kept once. */
export function sortEvents(events: readonly LoadedEvent[]): LoadedEvent[] {
  const keyed = events.map((event): Keyed => ({ event, rank: RANK.get(eventTypeOf(event)) ?? 2, runId: runIdOf(event) }));
  keyed.sort(compareKeyed);
  const out: LoadedEvent[] = [];
  keyed.forEach((k, i) => {
    const previous = keyed[i - 1];
    if (previous === undefined || compareKeyed(previous, k) !== 0) out.push(k.event);
  });
  return out;
}
