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
    a.digest.localeCompare(b.digest)
  );
}
