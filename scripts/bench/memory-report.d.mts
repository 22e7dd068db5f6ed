// Types for memory-report.mjs, which the unit tests import.
/** One memory measurement of bench:load (MB; null where it could not be read). */
export interface MemoryPoint {
  label: string;
  /** null before any round, 0 the warm-up round, then 1… */
  round: number | null;
  /** How long the bench waited after the round for the requests it left in flight (ms; 0 when it did not). */
  quietMs?: number;
  rss: number | null;
  heap: number | null;
  heapTotal: number | null;
  external: number | null;
}

export function memoryReport(points: MemoryPoint[]): string;
