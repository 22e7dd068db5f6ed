// date, clock, fraction, zone. Producers write micro- or nanoseconds and sometimes no zone at all.
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2})?)(?:[.,](\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function normaliseZone(zone: string | undefined): string {
  // ECMAScript reads a zone-less date-time as local time; OpenLineage means UTC.
  if (zone === undefined || zone.toUpperCase() === 'Z') return 'Z';
  const digits = zone.slice(1).replace(':', '');
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

/** A producer's date-time read once: epoch ms for ordering, the same instant as ISO 8601 UTC, and whether it had a zone. */
export interface EventInstant {
  /** Epoch ms, sub-millisecond digits kept as the fraction. */
  time: number;
  /** `YYYY-MM-DDTHH:MM:SS[.fraction]Z`: the producer's fraction digits are kept, the offset applied. */
  utc: string;
  /** True when the producer wrote no zone (read as UTC). */
  zoneless: boolean;
}

/** ISO 8601 UTC of an epoch-ms instant with the given fraction digits (none: whole seconds). */
function utcText(wholeSecondsMs: number, fraction: string | undefined): string {
  const base = new Date(wholeSecondsMs).toISOString().slice(0, 19);
  return fraction === undefined ? `${base}Z` : `${base}.${fraction}Z`;
}

/** Reads an eventTime (or any facet date-time); null when it is not a date-time. */
export function readInstant(raw: string): EventInstant | null {
  const match = ISO_DATE_TIME.exec(raw.trim());
  if (match === null) {
    const fallback = Date.parse(raw);
    return Number.isNaN(fallback) ? null : { time: fallback, utc: new Date(fallback).toISOString(), zoneless: false };
  }
  const [, date, clock, fraction, zone] = match;
  const whole = Date.parse(`${date}T${clock}${normaliseZone(zone)}`);
  if (Number.isNaN(whole)) return null;
  const time = fraction === undefined ? whole : whole + Number(`0.${fraction}`) * 1000;
  return { time, utc: utcText(whole, fraction), zoneless: zone === undefined };
}

/**
 * An eventTime as epoch milliseconds, keeping sub-millisecond digits as the fraction (microsecond
 * precision survives in a double), so events written within one millisecond still sort. Null when
 * the string is not a date-time.
 */
export function parseEventTime(raw: string): number | null {
  return readInstant(raw)?.time ?? null;
}

/** The same instant in UTC (`Z`), or the text unchanged when it is not a date-time. */
export function toUtcIso(raw: string): string {
  return readInstant(raw)?.utc ?? raw;
}
