import 'server-only';
import type { ExperimentRunStatus } from '@/lib/model';

const BY_NAME: ReadonlySet<string> = new Set(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']);

/** The file store writes MLflow's RunStatus enum number (mlflow/protos/service.proto). */
const BY_NUMBER: Readonly<Record<number, ExperimentRunStatus>> = {
  1: 'RUNNING',
  2: 'SCHEDULED',
  3: 'FINISHED',
  4: 'FAILED',
  5: 'KILLED',
};

function isStatusName(value: string): value is ExperimentRunStatus {
  return BY_NAME.has(value);
}

/** Accepts the SQL store's names and the file store's numbers (also as digit strings); null when neither. */
export function toRunStatus(value: unknown): ExperimentRunStatus | null {
  if (typeof value === 'number') return BY_NUMBER[value] ?? null;
  if (typeof value !== 'string') return null;
  const upper = value.trim().toUpperCase();
  if (isStatusName(upper)) return upper;
  return /^\d+$/.test(upper) ? (BY_NUMBER[Number(upper)] ?? null) : null;
}
