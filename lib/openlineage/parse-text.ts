import type { SourceProblem } from '@/lib/model';
import { JsonTooDeepError, jsonSyntaxReason, parseJsonLimited } from '@/lib/model/json-limits';
import { parseWireEvent, type WireEvent } from './schema';
import { readInstant } from './time';

/** One valid event and its parsed time. */
export interface LoadedEvent {
  /** eventTime in ISO 8601 UTC (`Z`), the producer's fraction digits kept: what the API reports. */
  eventTime: string;
  /** Epoch ms (sub-ms digits as the fraction), for ordering only. */
  time: number;
  /** True when the producer wrote no zone; read as UTC and counted on /health. */
  zoneless: boolean;
  wire: WireEvent;
}

export interface ParsedText {
  events: LoadedEvent[];
  problems: SourceProblem[];
}

/** Our own words for a parse failure: never the text around it, which may be anything a path points at. */
function errorMessage(error: unknown): string {
  return error instanceof JsonTooDeepError ? error.message : jsonSyntaxReason(error);
}

/** A parsed JSON value as an event, or the reason it is not one. */
export function toLoadedEvent(value: unknown): LoadedEvent | string {
  const parsed = parseWireEvent(value);
  if (!parsed.ok) return parsed.message;
  const raw = parsed.value.event.eventTime;
  const instant = readInstant(raw);
  if (instant === null) return `eventTime: not a date-time: ${JSON.stringify(raw)}`;
  return { eventTime: instant.utc, time: instant.time, zoneless: instant.zoneless, wire: parsed.value };
}

/**
 * JSON Lines: one event per line, blank lines ignored. `firstLine` is the 1-based number of the
 * first line in `text`, so problems point at the line in the whole file.
 */
export function parseLines(text: string, where: string, firstLine: number, out: ParsedText): number {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const event = parseEventLine(line);
    if (typeof event === 'string') out.problems.push({ where, line: firstLine + i, message: event });
    else out.events.push(event);
  }
  return lines.length - 1;
}

/** One line of JSON Lines as an event, or the reason it is not one (in our own words). */
export function parseEventLine(line: string): LoadedEvent | string {
  let value: unknown;
  try {
    value = parseJsonLimited(line);
  } catch (error) {
    return errorMessage(error);
  }
  return toLoadedEvent(value);
}

function firstLineParses(text: string): boolean {
  const start = text.search(/\S/);
  const end = text.indexOf('\n', start);
  if (start < 0 || end < 0) return false;
  try {
    JSON.parse(text.slice(start, end));
    return true;
  } catch {
    return false;
  }
}

/**
 * A whole file: one event (file transport, `append: false`), a JSON array of events (Marquez seed
 * files), or, when the whole text is not one JSON value but its first line is, JSON Lines.
 */
export function parseDocument(text: string, where: string): ParsedText {
  const out: ParsedText = { events: [], problems: [] };
  if (text.trim() === '') {
    out.problems.push({ where, message: 'empty file' });
    return out;
  }
  let value: unknown;
  try {
    value = parseJsonLimited(text);
  } catch (error) {
    if (!(error instanceof JsonTooDeepError) && firstLineParses(text)) parseLines(text, where, 1, out);
    else out.problems.push({ where, message: errorMessage(error) });
    return out;
  }
  const items: unknown[] = Array.isArray(value) ? value : [value];
  items.forEach((item, index) => {
    const event = toLoadedEvent(item);
    if (typeof event !== 'string') out.events.push(event);
    else out.problems.push({ where, message: Array.isArray(value) ? `array item ${index}: ${event}` : event });
  });
  return out;
}

/**
 * How to read a file given as a path of its own: a JSON array or a pretty-printed event is one
 * document; anything else (including a first line still being written) is JSON Lines.
 */
export function detectFormat(text: string): 'document' | 'lines' {
  const body = text.trim();
  if (body.startsWith('[')) return 'document';
  if (!body.includes('\n') || firstLineParses(text)) return 'lines';
  try {
    JSON.parse(body);
    return 'document';
  } catch {
    return 'lines';
  }
}
