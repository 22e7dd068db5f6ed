import { refKey } from '@/lib/model';
import type { DatasetRow } from './run-detail';

type Rows = { inputs: DatasetRow[]; outputs: DatasetRow[] };

/** At most this many datasets a side: a Spark application may have thousands of jobs. */
export const MAX_CHILD_DATASETS = 100;

export interface ChildrenLineage extends Rows {
  /** Datasets past the cap, for the "showing … of …" note. */
  leftOut: number;
}

const keyOf = (d: DatasetRow): string => `${refKey(d)}\u0000${d.version ?? ''}`;

function union(lists: DatasetRow[][], skip: (d: DatasetRow) => boolean, siblings: Set<string>): { rows: DatasetRow[]; total: number } {
  const out = new Map<string, DatasetRow>();
  for (const d of lists.flat()) {
    if (skip(d)) continue;
    const related = d.related.filter((r) => !siblings.has(r.id));
    const known = out.get(keyOf(d));
    if (known === undefined) out.set(keyOf(d), { ...d, related });
    else known.related = [...known.related, ...related.filter((r) => !known.related.some((k) => k.id === r.id))];
  }
  const rows = [...out.values()];
  return { rows: rows.slice(0, MAX_CHILD_DATASETS), total: rows.length };
}

/**
 * A pipeline run (an Airflow DAG run, a dbt or Spark application run) whose events carry no datasets:
 * its lineage is its stages'. Outputs: every dataset a stage wrote; inputs: every dataset a stage read
 * that no sibling stage wrote (those are the pipeline's own intermediates, already among the outputs).
 */
export function childrenLineage(children: ReadonlyArray<{ id: string; rows: Rows }>): ChildrenLineage {
  const siblings = new Set(children.map((c) => c.id));
  const outputs = union(children.map((c) => c.rows.outputs), () => false, siblings);
  const inputs = union(children.map((c) => c.rows.inputs), (d) => d.related.some((r) => siblings.has(r.id)), siblings);
  return { inputs: inputs.rows, outputs: outputs.rows, leftOut: inputs.total - inputs.rows.length + outputs.total - outputs.rows.length };
}
