import 'server-only';
import path from 'node:path';
import type { SourceProblem } from '@/lib/model';
import { asNonEmptyString } from '../shared/coerce';
import { listEntries, readText, stampOf } from './fs-read';
import { datasetMetaSchema, experimentMetaSchema, parseMeta, readMeta } from './meta-schemas';

export interface DatasetRecord {
  name: string;
  digest: string;
  sourceType: string | null;
  source: string | null;
}

export interface ExperimentEntry {
  id: string;
  name: string;
  /** lifecycle_stage deleted, or the experiment sits in .trash/. */
  deleted: boolean;
  dir: string;
  stamp: string;
  /** Experiment-level datasets/<dataset_id>/meta.yaml, by dataset id. */
  datasets: Map<string, DatasetRecord>;
  problems: SourceProblem[];
}

/** Changes when meta.yaml is rewritten or a dataset folder is added. */
export function experimentStamp(dir: string): string {
  return stampOf([path.join(/*turbopackIgnore: true*/ dir, 'meta.yaml'), path.join(/*turbopackIgnore: true*/ dir, 'datasets')]);
}

function readDatasets(dir: string, problems: SourceProblem[]): Map<string, DatasetRecord> {
  const datasets = new Map<string, DatasetRecord>();
  for (const folder of listEntries(path.join(/*turbopackIgnore: true*/ dir, 'datasets'))) {
    if (!folder.isDirectory()) continue;
    const where = path.join(/*turbopackIgnore: true*/ dir, 'datasets', folder.name, 'meta.yaml');
    const meta = readMeta(where, datasetMetaSchema);
    if (!meta.ok) {
      problems.push({ where, message: `${meta.message}; dataset skipped` });
      continue;
    }
    const { name, digest, source_type, source } = meta.value;
    datasets.set(folder.name, { name, digest, sourceType: asNonEmptyString(source_type), source: source ?? null });
  }
  return datasets;
}

/** Null (with a problem) when meta.yaml is missing or malformed: the experiment and its runs are skipped. */
export function readExperiment(
  dir: string,
  inTrash: boolean,
  stamp: string,
  report: (problem: SourceProblem) => void,
): ExperimentEntry | null {
  const where = path.join(/*turbopackIgnore: true*/ dir, 'meta.yaml');
  const text = readText(where);
  if (text === null) {
    report({ where: dir, message: 'no meta.yaml: not an experiment folder; skipped' });
    return null;
  }
  const meta = parseMeta(text, experimentMetaSchema);
  if (!meta.ok) {
    report({ where, message: `${meta.message}; experiment skipped` });
    return null;
  }
  const problems: SourceProblem[] = [];
  return {
    // The folder name is the id MLflow itself resolves; meta.yaml may hold it as an imprecise bare number.
    id: path.basename(dir),
    name: meta.value.name,
    deleted: inTrash || meta.value.lifecycle_stage === 'deleted',
    dir,
    stamp,
    datasets: readDatasets(dir, problems),
    problems,
  };
}
