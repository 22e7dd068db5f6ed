import { runHref } from '@/lib/api/links';
import type { RunNeighbourhood } from '@/lib/graph/run-neighbourhood';
import type { UnifiedRun } from '@/lib/model';
import type { DatasetRow, RunRef } from './run-detail';
import { runLabel, runStatus } from '@/lib/model/run-fields';

const graphRun = (r: RunRef) => ({ id: r.id, label: r.label, state: r.status, href: runHref(r.id) });

/** The run page graph: inputs with the runs that produced the versions read, outputs with the runs that read them. */
export function runNeighbourhood(run: UnifiedRun, rows: { inputs: DatasetRow[]; outputs: DatasetRow[] }): RunNeighbourhood {
  return {
    run: { id: run.id, label: runLabel(run), state: runStatus(run), href: runHref(run.id) },
    inputs: rows.inputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, href: d.href, producers: d.related.map(graphRun) })),
    outputs: rows.outputs.map((d) => ({ namespace: d.namespace, name: d.name, version: d.version, href: d.href, consumers: d.related.map(graphRun) })),
  };
}
