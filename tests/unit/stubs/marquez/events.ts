/** Small hand-made OpenLineage RunEvents for the quirk tests. */
export interface DatasetRef {
  namespace: string;
  name: string;
  facets?: Record<string, unknown>;
  inputFacets?: Record<string, unknown>;
}

const PRODUCER = 'https://example.com/runlens/tests';

export function runEvent(options: {
  eventType: string;
  eventTime: string;
  runId: string;
  job: string;
  namespace?: string;
  inputs?: DatasetRef[];
  outputs?: DatasetRef[];
  runFacets?: Record<string, unknown>;
}): Record<string, unknown> {
  return {
    eventType: options.eventType,
    eventTime: options.eventTime,
    producer: PRODUCER,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: { runId: options.runId, facets: options.runFacets ?? {} },
    job: { namespace: options.namespace ?? 'tests', name: options.job },
    inputs: options.inputs ?? [],
    outputs: options.outputs ?? [],
  };
}

export function versionFacet(datasetVersion: string): Record<string, unknown> {
  return { version: { _producer: PRODUCER, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/DatasetVersionDatasetFacet.json', datasetVersion } };
}
