import 'server-only';
import type { ExperimentDataset } from '@/lib/model';
import { openLineageName } from '@/lib/sources/mlflow-store/shared/dataset-naming';
import { parseJsonObject } from './json';
import type { WireArtifact } from './schemas';

/** Metadata keys a pipeline may set to name the data an artifact holds (`s3://bucket/key`), for OpenLineage matching. */
const URI_KEYS = ['uri', 'source_uri'] as const;

function sourceUriOf(metadata: string | null | undefined): string | null {
  const { value } = parseJsonObject(metadata);
  for (const key of URI_KEYS) {
    const uri = value?.[key];
    if (typeof uri === 'string' && uri.trim() !== '') return uri.trim();
  }
  return null;
}

/**
 * A W&B artifact version a run logged (output) or used (input) as a dataset of the run: named
 * `collection:vN` like W&B names versions, its digest as the version, its type as the source type.
 */
export function mapArtifact(artifact: WireArtifact, context: 'output' | 'input'): ExperimentDataset | null {
  const collection = artifact.artifactSequence?.name;
  if (!collection) return null;
  const name = typeof artifact.versionIndex === 'number' ? `${collection}:v${artifact.versionIndex}` : collection;
  const sourceUri = sourceUriOf(artifact.metadata);
  const ol = sourceUri === null ? null : openLineageName(sourceUri);
  return {
    name,
    digest: artifact.digest ?? null,
    recordedWith: 'wandb artifact',
    sourceType: artifact.artifactType?.name ?? null,
    sourceUri,
    context,
    namespace: ol?.namespace ?? null,
    olName: ol?.name ?? null,
    aliases: (artifact.aliases ?? []).flatMap((a) => (a.alias ? [a.alias] : [])),
  };
}

export function mapArtifacts(outputs: readonly WireArtifact[], inputs: readonly WireArtifact[]): ExperimentDataset[] {
  const mapped = [...inputs.map((a) => mapArtifact(a, 'input')), ...outputs.map((a) => mapArtifact(a, 'output'))];
  return mapped.filter((d): d is ExperimentDataset => d !== null);
}
