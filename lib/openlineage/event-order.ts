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

/**
 * Oldest first; at one instant by lifecycle (START before COMPLETE), then by content, so the order —
 * and so every merge built on it — does not depend on the order the events arrived in.
 */
export function compareEvents(a: LoadedEvent, b: LoadedEvent): number {
  const byTime = a.time - b.time || (RANK.get(eventTypeOf(a)) ?? 2) - (RANK.get(eventTypeOf(b)) ?? 2);
  if (byTime !== 0) return byTime;
  const ca = contentOf(a);
  const cb = contentOf(b);
  return ca < cb ? -1 : ca > cb ? 1 : 0;
}

/** Sorted with compareEvents; identical events (same content) kept once. */
export function sortEvents(events: readonly LoadedEvent[]): LoadedEvent[] {
  const sorted = [...events].sort(compareEvents);
  return sorted.filter((event, i) => {
    const previous = sorted[i - 1];
    return previous === undefined || previous.time !== event.time || compareEvents(previous, event) !== 0;
  });
}
