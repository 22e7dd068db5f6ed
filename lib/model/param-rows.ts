import type { UnifiedRun } from './unified';

export interface ParamRow {
  key: string;
  /** From the OpenLineage `executionParameters` run facet. */
  lineage: string | null;
  /** From the MLflow run's params. */
  experiment: string | null;
  /** Both sides report the key with different values. */
  disagrees: boolean;
}

function executionParameters(run: UnifiedRun): Map<string, string> {
  const facet = run.lineage?.facets.executionParameters;
  const list = typeof facet === 'object' && facet !== null ? (facet as { parameters?: unknown }).parameters : undefined;
  const out = new Map<string, string>();
  if (!Array.isArray(list)) return out;
  for (const entry of list) {
    if (typeof entry === 'object' && entry !== null && typeof (entry as { key?: unknown }).key === 'string') {
      const { key, value } = entry as { key: string; value?: unknown };
      out.set(key, typeof value === 'string' ? value : JSON.stringify(value ?? null));
    }
  }
  return out;
}

/** Params of both sides by key, sorted, with disagreements flagged. */
export function paramRows(run: UnifiedRun): ParamRow[] {
  const lineage = executionParameters(run);
  const experiment = new Map(Object.entries(run.experiment?.params ?? {}));
  const keys = [...new Set([...lineage.keys(), ...experiment.keys()])].sort();
  return keys.map((key) => {
    const l = lineage.get(key) ?? null;
    const e = experiment.get(key) ?? null;
    return { key, lineage: l, experiment: e, disagrees: l !== null && e !== null && l !== e };
  });
}
