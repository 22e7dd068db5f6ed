'use client';

import { useSyncExternalStore } from 'react';
import { formatDuration } from '@/components/ui/format';

function subscribeSeconds(onTick: () => void) {
  const timer = window.setInterval(onTick, 1000);
  return () => window.clearInterval(timer);
}
const now = () => Math.floor(Date.now() / 1000) * 1000;

/** "running for 3m 12s", ticking every second in the browser; the server renders the time of the request. */
export function LiveElapsed({ startMs, renderedAtMs }: { startMs: number; renderedAtMs: number }) {
  const current = useSyncExternalStore(subscribeSeconds, now, () => renderedAtMs);
  return <span className="subtle" data-testid="live-elapsed">running for {formatDuration(startMs, Math.max(startMs, current))}</span>;
}
