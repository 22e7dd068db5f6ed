import 'server-only';
import type { ExperimentDataset, SourceProblem } from '@/lib/model';
import { openLineageName } from './dataset-naming';

/** One logged dataset input as both stores describe it, before mapping. */
export interface DatasetInputRecord {
  name: string;
  digest: string;
  sourceType: string | null;
  /** The dataset's `source` column / field: a JSON document such as {"uri": "s3://…"}. */
  source: string | null;
  context: string | null;
}

/** MLflow sources keep their location under `uri` (s3, local, …) or `url` (http). */
function uriOf(json: unknown): string | null {
  if (typeof json !== 'object' || json === null) return null;
  if ('uri' in json && typeof json.uri === 'string' && json.uri !== '') return json.uri;
  if ('url' in json && typeof json.url === 'string' && json.url !== '') return json.url;
  return null;
}

/** `source` JSON → URI; undefined when the text is not JSON. Bounded memo: many inputs share one dataset. */
const uriCache = new Map<string, string | null | undefined>();
const URI_CACHE_LIMIT = 10_000;

function sourceUriOf(source: string): string | null | undefined {
  if (uriCache.has(source)) return uriCache.get(source);
  let uri: string | null | undefined;
  try {
    uri = uriOf(JSON.parse(source));
  } catch {
    uri = undefined;
  }
  if (uriCache.size >= URI_CACHE_LIMIT) uriCache.clear();
  uriCache.set(source, uri);
  return uri;
}

/** Maps one dataset input; a `source` that is not JSON keeps sourceUri null and is reported, not thrown. */
export function toExperimentDataset(
  input: DatasetInputRecord,
  where: string,
  report: (problem: SourceProblem) => void,
): ExperimentDataset {
  let sourceUri: string | null = null;
  if (input.source !== null && input.source !== '') {
    const uri = sourceUriOf(input.source);
    if (uri === undefined) {
      report({ where, message: `dataset "${input.name}" (${input.digest}): source is not valid JSON` });
    }
    sourceUri = uri ?? null;
  }
  const ol = sourceUri === null ? null : openLineageName(sourceUri);
  return {
    name: input.name,
    digest: input.digest,
    sourceType: input.sourceType,
    sourceUri,
    recordedWith: 'log_input',
    context: input.context,
    namespace: ol?.namespace ?? null,
    olName: ol?.name ?? null,
  };
}

/** Stable order for both stores, so the same run reads the same way from SQLite and from mlruns/. */
export function compareDatasets(a: ExperimentDataset, b: ExperimentDataset): number {
  return (
    (a.context ?? '').localeCompare(b.context ?? '') ||
    a.name.localeCompare(b.name) ||
    (a.digest ?? '').localeCompare(b.digest ?? '')
  );
}

/** JSON list of URIs as log_data_version() writes it; a single bare URI is accepted too. */
function uriList(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every((u) => typeof u === 'string')) return parsed;
    return typeof parsed === 'string' ? [parsed] : null;
  } catch {
    return text.trim() === '' ? [] : [text.trim()];
  }
}

function fromUri(uri: string, digest: string | null, context: 'input' | 'output'): ExperimentDataset {
  const ol = openLineageName(uri);
  return { name: uri, digest, sourceType: null, sourceUri: uri, recordedWith: 'data.* tags', context, namespace: ol?.namespace ?? null, olName: ol?.name ?? null };
}

/**
 * Datasets recorded by a simple log_data_version(input_paths, output_path, dataset_hash): tags
 * data.input_paths (JSON list), data.output_path and data.dataset_hash (the output's version).
 */
export function datasetsFromDataTags(tags: Record<string, string>, where: string, report: (problem: SourceProblem) => void): ExperimentDataset[] {
  const out: ExperimentDataset[] = [];
  const inputs = tags['data.input_paths'];
  if (inputs !== undefined) {
    const uris = uriList(inputs);
    if (uris === null) report({ where, message: 'tag data.input_paths is not a JSON list of URIs' });
    for (const uri of uris ?? []) out.push(fromUri(uri, null, 'input'));
  }
  const output = tags['data.output_path'];
  if (output !== undefined && output.trim() !== '') out.push(fromUri(output.trim(), tags['data.dataset_hash'] ?? null, 'output'));
  return out;
}
