import 'server-only';
import type { LineageRunState } from '@/lib/model';
import { toUtcIso } from '@/lib/openlineage/time';
import type { WireInstant } from './schemas';

/** ISO 8601 UTC (`Z`, Marquez's fraction digits kept) from Marquez's ISO strings, offsets applied, or from epoch seconds (Jackson's numeric form). */
export function isoOf(value: WireInstant | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return toUtcIso(value);
  if (!Number.isFinite(value)) return null;
  return new Date(Math.round(value * 1000)).toISOString();
}

/** For ordering only: epoch ms, or -Infinity when unknown. */
export function timeOf(value: string | null): number {
  if (value === null) return -Infinity;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? -Infinity : ms;
}

const STATES = new Set<LineageRunState>(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED']);
// Upstream-lineage statuses and older payloads use OpenLineage's event words.
const ALIASES = new Map<string, LineageRunState>([['START', 'RUNNING'], ['COMPLETE', 'COMPLETED'], ['FAIL', 'FAILED'], ['ABORT', 'ABORTED']]);

/** A Marquez run state in the model's words; an unknown or missing state reads as NEW. */
export function runStateOf(state: string | null | undefined): LineageRunState {
  const upper = (state ?? '').toUpperCase();
  if (STATES.has(upper as LineageRunState)) return upper as LineageRunState;
  return ALIASES.get(upper) ?? 'NEW';
}

export const TERMINAL_STATES: ReadonlySet<LineageRunState> = new Set(['COMPLETED', 'FAILED', 'ABORTED']);
