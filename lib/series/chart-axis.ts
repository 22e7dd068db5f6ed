/**
 * What a metric chart's horizontal axis shows: the step the value was logged at, or the time since the
 * series' first point (how fast a run progressed; runs of different days overlay from the same origin).
 */
export type ChartAxis = 'step' | 'time';

/** The URL parameter that keeps the choice (`?x=time`); absent means steps. */
export const AXIS_PARAM = 'x';

export function parseChartAxis(raw: string | string[] | null | undefined): ChartAxis {
  return (Array.isArray(raw) ? raw[0] : raw) === 'time' ? 'time' : 'step';
}

/** Seconds as an axis tick or tooltip says them: "42 s", "3 min 20 s", "2 h 05 min". */
export function formatElapsed(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return s % 60 === 0 ? `${s / 60} min` : `${Math.floor(s / 60)} min ${s % 60} s`;
  const minutes = Math.round(s / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
