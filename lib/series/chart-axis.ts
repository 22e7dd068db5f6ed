/**
 * What a metric chart's horizontal axis shows: the step the value was logged at, the time since the series'
 * first point (how fast a run progressed; runs of different days overlay from the same origin), or the wall
 * clock time it was logged at (UTC).
 */
export type ChartAxis = 'step' | 'time' | 'wall';

/** The URL parameter that keeps the choice (`?x=time`, `?x=wall`); absent means steps. */
export const AXIS_PARAM = 'x';

export function parseChartAxis(raw: string | string[] | null | undefined): ChartAxis {
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === 'time' || value === 'wall' ? value : 'step';
}

/** Seconds as an axis tick or tooltip says them: "42 s", "3 min 20 s", "2 h 05 min". */
export function formatElapsed(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Epoch milliseconds as a wall-clock tick, UTC like every time Runlens shows: "02:14:05". */
export function formatWallTick(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().slice(11, 19) : String(ms);
}
