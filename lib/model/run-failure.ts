import { runStatus } from './run-fields';
import type { UnifiedRun } from './unified';

/**
 * What the run page says about an error: 'failed' only for a run that failed or was aborted (either
 * side); an `errorMessage` facet on a run still live or completed is a warning, not a failure.
 */
export interface RunFailureView {
  severity: 'failed' | 'warning';
  message: string;
  stackTrace: string | null;
  language: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function runFailureOf(run: UnifiedRun): RunFailureView | null {
  const facet = run.lineage?.facets.errorMessage as { message?: unknown; stackTrace?: unknown; programmingLanguage?: unknown } | undefined;
  const status = runStatus(run);
  const experimentFailed = run.experiment?.status === 'FAILED' || run.experiment?.status === 'KILLED';
  const failed = status === 'FAILED' || status === 'ABORTED' || experimentFailed;
  const message = text(facet?.message) ?? run.lineage?.errorMessage ?? null;
  if (!failed && message === null) return null;
  return {
    severity: failed ? 'failed' : 'warning',
    message: message ?? (status === 'ABORTED' ? 'The run was aborted; it reported no error message.' : 'The run failed; it reported no error message.'),
    stackTrace: text(facet?.stackTrace),
    language: text(facet?.programmingLanguage),
  };
}

/** The reported error message of a run that failed (audit report `timing.failure`); null for a run that has not failed. */
export function failureMessageOf(run: UnifiedRun): string | null {
  return runFailureOf(run)?.severity === 'failed' ? run.lineage?.errorMessage ?? null : null;
}
