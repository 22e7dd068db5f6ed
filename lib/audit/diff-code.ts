import { codeVersionRows } from '@/lib/model/code-version';
import type { Facets, UnifiedRun } from '@/lib/model';
import { diffStatus, keysInOrder, type DiffStatus } from './diff-status';

export interface CodeDiff {
  label: string;
  source: string;
  values: Array<string | null>;
  status: DiffStatus;
}

/** Code version rows (MLflow source tags, OpenLineage sourceCodeLocation) of every run side by side. */
export function diffCode(runs: UnifiedRun[], jobFacets: Array<Facets | null>): CodeDiff[] {
  const maps = runs.map((run, i) => new Map(codeVersionRows(run, jobFacets[i] ?? null).map((r) => [`${r.label}\u0000${r.source}`, r])));
  return keysInOrder(maps.map((m) => m.keys())).map((key) => {
    const values = maps.map((m) => m.get(key)?.value ?? null);
    const [label = '', source = ''] = key.split('\u0000');
    return { label, source, values, status: diffStatus(values) };
  });
}
