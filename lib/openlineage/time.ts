
// date, clock, fraction, zone. Producers write micro- or nanoseconds and sometimes no zone at all.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function normaliseZone(zone: string | undefined): string {
  // ECMAScript reads a zone-less date-time as local time; OpenLineage means UTC.
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/**
 * An eventTime as epoch milliseconds, keeping sub-millisecond digits as the fraction (microsecond
 * precision survives in a double), so events written within one millisecond still sort. Null when
 * the string is not a date-time.
 */
export function parseEventTime(raw: string): number | null {
  const match = ISO_DATE_TIME.exec(raw.trim());
  if (match === null) {
    const fallback = Date.parse(raw);
    return Number.isNaN(fallback) ? null : fallback;
  }
  const [, date, clock, fraction, zone] = match;
  const whole = Date.parse(`${date}T${clock}${normaliseZone(zone)}`);
  if (Number.isNaN(whole)) return null;
  return fraction === undefined ? whole : whole + Number(`0.${fraction}`) * 1000;
}
