/** An OpenLineage eventTime as Marquez stores it: a UTC instant with up to nanosecond precision. */
export interface Instant {
  /** Epoch milliseconds with the sub-millisecond part as the fraction; for ordering. */
  ms: number;
  /** Java `Instant.toString()`: no fraction when zero, else 3, 6 or 9 digits. */
  iso: string;
}

const ISO = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d{1,9})\d*)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function zoneSuffix(zone: string | undefined): string {
  // Marquez's FlexibleDateTimeDeserializer reads a zone-less time in the server's zone; the stub runs in UTC.
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

function javaFraction(nanos: string): string {
  if (/^0+$/.test(nanos)) return '';
  if (nanos.endsWith('000000')) return `.${nanos.slice(0, 3)}`;
  if (nanos.endsWith('000')) return `.${nanos.slice(0, 6)}`;
  return `.${nanos}`;
}

export function parseInstant(raw: string): Instant | null {
  const match = ISO.exec(raw.trim());
  if (match === null) return null;
  const [, date, clock, fraction, zone] = match;
  const whole = Date.parse(`${date}T${clock}${zoneSuffix(zone)}`);
  if (Number.isNaN(whole)) return null;
  const nanos = (fraction ?? '').padEnd(9, '0');
  const seconds = new Date(whole).toISOString().slice(0, 19);
  return { ms: whole + Number(nanos) / 1e6, iso: `${seconds}${javaFraction(nanos)}Z` };
}

/** For query parameters (`before`, `after`): any ISO date-time, or null. */
export function parseQueryInstant(raw: string): number | null {
  const parsed = parseInstant(raw);
  if (parsed !== null) return parsed.ms;
  const fallback = Date.parse(raw);
  return Number.isNaN(fallback) ? null : fallback;
}
