import 'server-only';
import { z } from 'zod';
import { batchEntities } from '@/lib/sources/batch-entities';
import { restAfter } from '@/lib/sources/event-loop-rest';
import { toLoadedEvent, type LoadedEvent } from '@/lib/openlineage/parse-text';
import type { ChangeBatch, ChangeFeed, FeedLineageEvent } from '@/lib/sources/ports';
import type { MarquezClient } from './client';
import { MARQUEZ_SOURCE_ID } from './map-run';
import { parseFeedCursor } from '@/lib/sources/feed-cursor';

/** How the feed paces itself against one Marquez. */
export interface MarquezFeedPacing {
  /** Events in the first backfill page: small, so the runs list is useful within seconds. */
  firstPage: number;
  /** Events per page after it (Marquez events are 1–5 KB: a page is at most a few MB). */
  page: number;
  /** Between follow asks once caught up. */
  followIntervalMs: number;
  /** Each follow round reads again events this much older than when the last round began: event times arrive late. */
  lookbackMs: number;
}

export const DEFAULT_MARQUEZ_FEED_PACING: MarquezFeedPacing = { firstPage: 100, page: 500, followIntervalMs: 20_000, lookbackMs: 120_000 };

// Marquez filters `after <= event_time < before`; these bound everything it can hold.
const EPOCH = '1970-01-01T00:00:00Z';
const FAR_FUTURE_MS = Date.parse('9999-01-01T00:00:00Z');

/**
 * Both phases page by time with a keyset: the bound moves to the millisecond of the last event read,
 * and `skip` counts the events of that millisecond already read (Marquez orders by event time only,
 * so events of one instant may come in any order; an event read twice is stored once by lib/sync).
 */
const cursorSchema = z.object({
  v: z.literal(1),
  pass: z.number().int(),
  phase: z.enum(['backfill', 'follow']),
  /** Backfill, newest first: events with event time before this (epoch ms, exclusive). */
  before: z.number(),
  /** Follow, oldest first: events with event time at or after this. */
  after: z.number(),
  skip: z.number().int(),
  /** Wall time the current follow round began (its first ask), so the next round looks back from it. */
  roundStartedAt: z.number().nullable(),
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** Events Marquez gave that are not valid OpenLineage events here (stored, but they build nothing): on /health. */
  unreadable: z.number().int(),
});
type Cursor = z.infer<typeof cursorSchema>;

const parseCursor = (raw: string | null): Cursor | null => parseFeedCursor(cursorSchema, raw);

const iso = (ms: number) => new Date(ms).toISOString();

interface ReadEvent {
  feed: FeedLineageEvent;
  loaded: LoadedEvent | null;
  /** Whole milliseconds of the event time, as the keyset compares them; null when unreadable. */
  ms: number | null;
}

/** The runId of a RunEvent as sent, even when the event does not validate (it is stored and counted all the same). */
function rawRunId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || !('run' in value)) return null;
  const run = value.run;
  return typeof run === 'object' && run !== null && 'runId' in run && typeof run.runId === 'string' ? run.runId : null;
}

function readEvent(value: unknown): ReadEvent {
  const loaded = toLoadedEvent(value);
  const ok = typeof loaded === 'string' ? null : loaded;
  const ms = ok === null || !Number.isFinite(ok.time) ? null : Math.floor(ok.time);
  const runId = ok?.wire.kind === 'run' ? ok.wire.event.run.runId : rawRunId(value);
  return { feed: { body: JSON.stringify(value), runId, eventTimeMs: ms }, loaded: ok, ms };
}

/** Events validated per turn of the event loop: a whole page of 500 held it for over 100 ms on a busy machine. */
export const EVENTS_PER_SLICE = 100;

export async function readEvents(raw: readonly unknown[]): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  let took = 0;
  for (let start = 0; start < raw.length; start += EVENTS_PER_SLICE) {
    if (start > 0) await restAfter(took);
    const started = performance.now();
    for (const value of raw.slice(start, start + EVENTS_PER_SLICE)) events.push(readEvent(value));
    took = performance.now() - started;
  }
  return events;
}

/** The next keyset position after a full page: the bound moves to the last event's millisecond. */
function nextBound(events: readonly ReadEvent[], bound: number, skip: number, pageSize: number, direction: 'asc' | 'desc'): { bound: number; skip: number } {
  const times = events.flatMap((e) => (e.ms === null ? [] : [e.ms]));
  if (times.length === 0) return { bound, skip: skip + pageSize };
  const edge = direction === 'desc' ? Math.min(...times) : Math.max(...times);
  // desc reads `< before`: the next bound is just after the edge millisecond; asc reads `>= after`: the edge itself.
  const next = direction === 'desc' ? edge + 1 : edge;
  const atEdge = times.filter((t) => t === edge).length;
  return next === bound ? { bound, skip: skip + pageSize } : { bound: next, skip: atEdge };
}

/**
 * Marquez as a change feed by event time (`GET /api/v1/events/lineage`): a backfill newest first in
 * bounded pages, then follow rounds oldest first from a look-back window before the last round began
 * (event times can arrive late). Idle, a round is one small request per follow interval. Marquez
 * cannot say what it deleted, so the pass never completes: runs deleted there stay in the index.
 */
export interface MarquezChangeFeed extends ChangeFeed {
  /** What the feed last read, for /health; null before its first batch. */
  state(): { phase: 'backfill' | 'follow'; done: number; unreadable: number } | null;
}

export function createMarquezChangeFeed(client: MarquezClient, label: string, pacing: MarquezFeedPacing = DEFAULT_MARQUEZ_FEED_PACING, now: () => number = Date.now): MarquezChangeFeed {
  let last: ReturnType<MarquezChangeFeed['state']> = null;
  async function changes(raw: string | null): Promise<ChangeBatch> {
    const cursor: Cursor = parseCursor(raw) ?? { v: 1, pass: 1, phase: 'backfill', before: FAR_FUTURE_MS, after: 0, skip: 0, roundStartedAt: now(), done: 0, total: null, unreadable: 0 };
    const next: Cursor = { ...cursor };
    let events: ReadEvent[];
    let caughtUp = false;
    if (cursor.phase === 'backfill') {
      const limit = cursor.done === 0 ? pacing.firstPage : pacing.page;
      const page = await client.lineageEvents({ after: EPOCH, before: iso(cursor.before), sortDirection: 'desc', limit, offset: cursor.skip });
      events = await readEvents(page.events);
      next.total = cursor.total ?? page.totalCount ?? null;
      if (page.events.length < limit) {
        // History read: follow from a look-back window before the backfill began.
        Object.assign(next, { phase: 'follow', after: (cursor.roundStartedAt ?? now()) - pacing.lookbackMs, skip: 0, roundStartedAt: null });
      } else Object.assign(next, ((b) => ({ before: b.bound, skip: b.skip }))(nextBound(events, cursor.before, cursor.skip, limit, 'desc')));
    } else {
      const startedAt = cursor.roundStartedAt ?? now();
      const page = await client.lineageEvents({ after: iso(cursor.after), before: iso(FAR_FUTURE_MS), sortDirection: 'asc', limit: pacing.page, offset: cursor.skip });
      events = await readEvents(page.events);
      if (page.events.length < pacing.page) {
        caughtUp = true;
        Object.assign(next, { after: startedAt - pacing.lookbackMs, skip: 0, roundStartedAt: null });
      } else Object.assign(next, ((b) => ({ after: b.bound, skip: b.skip, roundStartedAt: startedAt }))(nextBound(events, cursor.after, cursor.skip, pacing.page, 'asc')));
    }
    next.done = cursor.done + events.length;
    const loaded = events.flatMap((e) => (e.loaded === null ? [] : [e.loaded]));
    next.unreadable = cursor.unreadable + events.length - loaded.length;
    last = { phase: next.phase, done: next.done, unreadable: next.unreadable };
    const { jobs, datasets } = await batchEntities(loaded, MARQUEZ_SOURCE_ID);
    return {
      lineageRuns: [], experimentRuns: [],
      lineageEvents: events.map((e) => e.feed),
      jobs, datasets,
      pass: cursor.pass, passComplete: false, cursor: JSON.stringify(next), caughtUp,
      progress: { phase: next.phase, done: next.done, estimatedTotal: next.total },
    };
  }
  return { id: MARQUEZ_SOURCE_ID, label, followIntervalMs: pacing.followIntervalMs, changes, state: () => last };
}
