/**
 * Dates are shown in UTC so the server and the browser render the same text; joined by no-break spaces, so a
 * squeezed table never breaks a time across lines.
 */
export function formatTime(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '—';
  return new Date(ms).toISOString().replace('T', '\u00a0').replace(/\.\d{3}Z$/, '\u00a0UTC');
}

export function formatDuration(startMs: number | null, endMs: number | null): string {
  if (startMs === null || endMs === null || endMs < startMs) return '—';
  const seconds = Math.round((endMs - startMs) / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

export function formatNumber(value: number | null): string {
  if (value === null) return '—';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Infinity' : '-Infinity';
  if (Number.isSafeInteger(value)) return groupThousands(value);
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toPrecision(6).replace(/\.?0+$/, '');
}

/** 83456 → "83,456", as en-US writes it, without Intl: a page's first Intl call loads ICU data (20–50 ms). */
function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}
