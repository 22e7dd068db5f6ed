import { experimentRunKey, type ExperimentRun, type LineageRun, type UnifiedRun } from '@/lib/model';
import { experimentEvidence, experimentKey, lineageEvidence } from './evidence';
import { idKey } from './ids';

/** What the run index stores about one source record to find its partners again by key. */
export interface RecordKeys {
  key: string;
  parentKey: string | null;
  evidence: Array<{ rule: string; lineageKey: string; experimentKey: string }>;
}

const links = (evidence: ReturnType<typeof lineageEvidence>) => evidence.map((e) => ({ rule: e.rule, lineageKey: e.lineageKey, experimentKey: e.experimentKey }));

export function lineageRecordKeys(run: LineageRun): RecordKeys {
  return { key: idKey(run.runId), parentKey: run.parent ? idKey(run.parent.runId) : null, evidence: links(lineageEvidence(run)) };
}

export function experimentRecordKeys(run: ExperimentRun): RecordKeys {
  const parent = run.tags['mlflow.parentRunId'];
  return { key: experimentKey(run), parentKey: parent ? idKey(parent) : null, evidence: links(experimentEvidence(run)) };
}

/** Every id a user may paste for a joined run: its id, its OpenLineage runId, its experiment run id and W&B path. */
export function pastableIdKeys(run: UnifiedRun): string[] {
  const keys = [idKey(run.id)];
  if (run.lineage) keys.push(idKey(run.lineage.runId));
  if (run.experiment) keys.push(idKey(experimentRunKey(run.experiment)), idKey(run.experiment.runId));
  return [...new Set(keys)];
}
