'use client';

import { useSyncExternalStore } from 'react';
import { relativeTime, utcSeconds } from '@/lib/model/relative-time';

const TICK_MS = 15_000;

// One clock for every relative time on the page: a tick re-renders each <RelativeTime> alone, never the table around it.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: number | null = null;

function subscribe(onTick: () => void) {
  listeners.add(onTick);
  if (timer === null) {
    now = Date.now();
    timer = window.setInterval(() => {
      now = Date.now();
      for (const listener of listeners) listener();
    }, TICK_MS);
  }
  return () => {
    listeners.delete(onTick);
    if (listeners.size === 0 && timer !== null) {
      window.clearInterval(timer);
      timer = null;
    }
  };
}

/** "3 min ago" with the UTC time on hover; the server renders it against the request's time, the browser then keeps it current. */
export function RelativeTime({ ms, renderedAtMs }: { ms: number | null; renderedAtMs: number }) {
  const current = useSyncExternalStore(subscribe, () => now, () => renderedAtMs);
  if (ms === null || !Number.isFinite(ms)) return <>—</>;
  const absolute = utcSeconds(ms);
  return <time dateTime={new Date(ms).toISOString()} title={absolute} className="nowrap" data-testid="relative-time">{relativeTime(ms, current)}</time>;
}
