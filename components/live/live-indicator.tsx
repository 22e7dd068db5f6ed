'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { LIVE_REFRESH_MS, anyRunningApiRun, isRunningApiRun, livePollQuery } from '@/lib/queries/live-refresh';

const clock = (ms: number) => `${new Date(ms).toISOString().slice(11, 19)} UTC`;

interface LiveIndicatorProps {
  /** The API answer that mirrors this page: `/api/runs/{id}` or `/api/runs?…`. */
  pollUrl: string;
  /** Whether the page shows a running run when rendered; finished pages never poll. */
  live: boolean;
  /** What the poll answers: one run or a list of runs. */
  kind: 'run' | 'list';
}

/**
 * "Live" badge and last-updated time for a page showing running runs. Every LIVE_REFRESH_MS it asks the
 * API again; when the answer changed it re-renders the page on the server (router.refresh). It stops once
 * nothing shown is running.
 */
export function LiveIndicator({ pollUrl, live, kind }: LiveIndicatorProps) {
  const router = useRouter();
  const previous = useRef<string | null>(null);
  const running = kind === 'run' ? isRunningApiRun : anyRunningApiRun;
  const { data, dataUpdatedAt } = useQuery(livePollQuery(pollUrl, live));
  const polled = data !== null && data !== undefined;
  const stillLive = live && (!polled || running(data));

  useEffect(() => {
    if (!polled) return;
    const fingerprint = JSON.stringify(data);
    const changed = previous.current !== fingerprint;
    previous.current = fingerprint;
    // The first answer is compared with the server render, which it may postdate by 20 s: refresh.
    if (changed) router.refresh();
    // Still rendered live one poll after the API said finished: the soft refresh did not land, so load the
    // page again (once per run; the finished page no longer polls).
    else if (!running(data)) window.location.reload();
  }, [polled, data, dataUpdatedAt, running, router]);

  if (!live) return null;
  return (
    <p className="live-indicator subtle" data-testid="live-indicator" data-live={stillLive ? 'true' : 'false'} aria-live="polite">
      {stillLive ? <><span className="live-dot" aria-hidden="true" /> <strong>Live</strong> · refreshes every {LIVE_REFRESH_MS / 1000} s · </> : <>Finished · no longer refreshing · </>}
      updated{' '}
      {/* The first time is the page's load, which server and browser see a moment apart. */}
      <time dateTime={new Date(dataUpdatedAt).toISOString()} data-testid="live-updated" suppressHydrationWarning>{clock(dataUpdatedAt)}</time>
    </p>
  );
}
