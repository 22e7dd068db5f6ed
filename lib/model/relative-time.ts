const NBSP = '\u00a0';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const plural = (n: number, unit: string) => `${n}${NBSP}${unit}${n === 1 ? '' : 's'}`;

/**
 * "3 min ago", "5 h ago", "2 days ago" (or "in 3 min" for a clock ahead of ours), joined by no-break spaces so
 * a table never breaks it across lines. Rounded down, as MLflow's and W&B's run tables do.
 */
export function relativeTime(ms: number, nowMs: number): string {
  const delta = nowMs - ms;
  const size = Math.abs(delta);
  const text = size < MINUTE ? `${Math.floor(size / SECOND)}${NBSP}s`
    : size < HOUR ? `${Math.floor(size / MINUTE)}${NBSP}min`
      : size < DAY ? `${Math.floor(size / HOUR)}${NBSP}h`
        : size < 30 * DAY ? plural(Math.floor(size / DAY), 'day')
          : size < 365 * DAY ? plural(Math.floor(size / (30 * DAY)), 'month')
            : plural(Math.floor(size / (365 * DAY)), 'year');
  if (size < 5 * SECOND) return 'just now';
  return delta >= 0 ? `${text}${NBSP}ago` : `in${NBSP}${text}`;
}

/** The absolute time a relative one stands for, to the second, in UTC: `2026-12-07 05:12:03 UTC`. */
export function utcSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}
