/** Timing of one stub request, as both stubs log it. */
export interface TimedRequest {
  startedAt: number;
  endedAt: number | null;
}

/** The epoch clock with performance.now()'s resolution, comparable across stubs in one process. */
export const preciseNow = (): number => performance.timeOrigin + performance.now();

/**
 * Sequential round trips on the critical path: the longest chain of requests in which each one
 * started only after the one before had been answered (requests that overlap count as parallel).
 */
export function sequentialRoundTrips(requests: readonly TimedRequest[]): number {
  const done = [...requests].filter((r): r is TimedRequest & { endedAt: number } => r.endedAt !== null).sort((a, b) => a.startedAt - b.startedAt);
  const depth: number[] = [];
  done.forEach((r, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (done[j]!.endedAt <= r.startedAt) before = Math.max(before, depth[j]!);
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}
