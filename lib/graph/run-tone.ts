import type { RunTone } from './types';

/** OpenLineage (COMPLETED, ABORTED) and MLflow (FINISHED, KILLED) spell the same outcomes differently. */
const TONES: Record<string, RunTone> = {
  RUNNING: 'running',
  COMPLETED: 'success',
  FINISHED: 'success',
  FAILED: 'failed',
  ABORTED: 'stopped',
  KILLED: 'stopped',
};

export function runTone(state: string | null): RunTone {
  return (state !== null && TONES[state.toUpperCase()]) || 'unknown';
}
