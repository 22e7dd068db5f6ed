import 'server-only';
import type { Dataset, ExperimentDataset, RunDataset, UnifiedRun } from '@/lib/model';
import { refKey } from '@/lib/model';
import { datasetHref } from '@/lib/api/links';
import { MAX_ROW_LIST } from '@/lib/index/lineage-entities';
import { findRun, type RunIndex } from './run-index';
import { runLabel, runStatus } from '@/lib/model/run-fields';

export interface RunRef {
  id: string;
  label: string;
  status: string;
}

export interface DatasetRow {
  namespace: string;
  name: string;
  version: string | null;
  /** MLflow digest of the same dataset (matched by OpenLineage naming), when the experiment side logged it. */
  digest: string | null;
  rowCount: number | null;
  size: number | null;
  /** Input: the run that produced the version read. Output: the runs that read the version written (the loaded ones). */
  related: RunRef[];
  /** Output: how many runs read the version written, so a cut list says so; `atLeast` when the index keeps only the first ids. */
  relatedCount?: { total: number; atLeast: boolean };
  /** The dataset page, when the lineage side knows the dataset. */
  href: string | null;
  /** The `lifecycleStateChange` the run reported (a DROP wrote no version). */
  lifecycleChange?: string | null;
}

export function runRef(run: UnifiedRun): RunRef {
  return { id: run.id, label: runLabel(run), status: runStatus(run) };
}

/** The datasets the request loaded (the run's, around its page), by refKey. */
function datasetsOf(index: RunIndex): Map<string, Dataset> {
  return new Map([...index.datasets].map(([key, d]) => [key, d.dataset]));
}

function digestFor(d: RunDataset, experimentDatasets: ExperimentDataset[], context: 'input' | 'output'): string | null {
  const same = experimentDatasets.filter((e) => e.namespace === d.namespace && e.olName === d.name);
  const preferred = same.find((e) => e.context === context) ?? same[0];
  return preferred?.digest ?? null;
}

function refsOf(index: RunIndex, ids: string[]): RunRef[] {
  return ids.map((id) => findRun(index, id)).filter((r): r is UnifiedRun => r !== null).map(runRef);
}

/** Inputs with the runs that produced the versions read; outputs with the runs that read the versions written. */
export function datasetRows(index: RunIndex, run: UnifiedRun): { inputs: DatasetRow[]; outputs: DatasetRow[] } {
  const lineage = run.lineage;
  const experimentDatasets = run.experiment?.datasets ?? [];
  const datasets = datasetsOf(index);
  if (!lineage) {
    const rows = (context: string) => experimentDatasets
      .filter((d) => (context === 'output' ? d.context === 'output' : d.context !== 'output'))
      .map((d) => ({ namespace: d.namespace ?? '(no source URI)', name: d.olName ?? d.name, version: null, digest: d.digest, rowCount: null, size: null, related: [],
        href: d.namespace && d.olName && datasets.has(refKey({ namespace: d.namespace, name: d.olName })) ? datasetHref(d.namespace, d.olName) : null }));
    return { inputs: rows('input'), outputs: rows('output') };
  }
  const inputs = lineage.inputs.map((d) => ({
    namespace: d.namespace, name: d.name, version: d.version, digest: digestFor(d, experimentDatasets, 'input'),
    rowCount: d.rowCount, size: d.size, related: refsOf(index, d.producedByRunId ? [d.producedByRunId] : []), href: datasetHref(d.namespace, d.name),
  }));
  const outputs = lineage.outputs.map((d) => {
    const written = datasets.get(refKey(d))?.versions.find((v) => v.createdByRunId === lineage.runId);
    const readers = written?.consumedByRunIds ?? [];
    const related = refsOf(index, readers);
    return { namespace: d.namespace, name: d.name, version: d.version, digest: digestFor(d, experimentDatasets, 'output'),
      rowCount: d.rowCount, size: d.size, related, relatedCount: { total: Math.max(readers.length, related.length), atLeast: readers.length >= MAX_ROW_LIST },
      href: datasetHref(d.namespace, d.name), lifecycleChange: d.lifecycleChange ?? null };
  });
  return { inputs, outputs };
}
