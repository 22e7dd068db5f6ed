// OpenLineage RunEvents exactly as the Python client 1.52.0 file transport (append: false) writes
// them: one event per file named after the wall-clock emission time, keys sorted, Python separators.

import fs from 'node:fs';
import path from 'node:path';
import { pyJson } from './py-json.mjs';
import { rngFor } from './prng.mjs';

export const CLIENT_VERSION = '1.52.0';
export const PRODUCER = `https://github.com/OpenLineage/OpenLineage/tree/${CLIENT_VERSION}/client/python`;
export const RUN_EVENT_SCHEMA_URL = 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent';
export const MLFLOW_FACET_SCHEMA_URL = 'https://example.com/schemas/facets/MlflowRunFacet.json';

const spec = (version, name) => `https://openlineage.io/spec/facets/${version}/${name}.json#/$defs/${name}`;
// The facet versions the 1.52.0 client stamps on what it writes (as seen in the recorded events).
const FACET_URL = {
  documentation: spec('1-1-0', 'DocumentationJobFacet'),
  jobType: spec('2-0-4', 'JobTypeJobFacet'),
  executionParameters: spec('1-0-0', 'ExecutionParametersRunFacet'),
  parent: spec('1-2-0', 'ParentRunFacet'),
  processing_engine: spec('1-1-1', 'ProcessingEngineRunFacet'),
  tags: spec('1-0-0', 'TagsRunFacet'),
  errorMessage: spec('1-0-1', 'ErrorMessageRunFacet'),
  dataSource: spec('1-0-1', 'DatasourceDatasetFacet'),
  schema: spec('1-2-0', 'SchemaDatasetFacet'),
  version: spec('1-0-1', 'DatasetVersionDatasetFacet'),
  inputStatistics: spec('1-0-0', 'InputStatisticsInputDatasetFacet'),
  outputStatistics: spec('1-0-2', 'OutputStatisticsOutputDatasetFacet'),
  columnLineage: spec('1-2-0', 'ColumnLineageDatasetFacet'),
  dataQualityAssertions: spec('1-1-0', 'DataQualityAssertionsDatasetFacet'),
  mlflow: MLFLOW_FACET_SCHEMA_URL,
};

const facet = (name, body) => ({ _producer: PRODUCER, _schemaURL: FACET_URL[name], ...body });
const jobRef = (job) => ({ facets: {}, name: job.name, namespace: job.namespace });

function datasetFacets(io) {
  const facets = {};
  if (io.dataSource) facets.dataSource = facet('dataSource', { name: io.namespace, uri: io.namespace });
  if (io.fields) facets.schema = facet('schema', { fields: io.fields.map(([name, type], i) => ({ fields: [], name, ordinal_position: i + 1, type })) });
  if (io.version) facets.version = facet('version', { datasetVersion: io.version });
  if (io.columnLineage) facets.columnLineage = facet('columnLineage', io.columnLineage);
  return facets;
}

function inputFacets(io) {
  const facets = {};
  if (io.stats) facets.inputStatistics = facet('inputStatistics', io.stats);
  if (io.assertions) facets.dataQualityAssertions = facet('dataQualityAssertions', { assertions: io.assertions });
  return facets;
}

const input = (io) => ({ facets: datasetFacets(io), inputFacets: inputFacets(io), name: io.name, namespace: io.namespace });
const output = (io) => ({ facets: datasetFacets(io), name: io.name, namespace: io.namespace, outputFacets: io.stats ? { outputStatistics: facet('outputStatistics', io.stats) } : {} });

function runFacets(ol, ev) {
  const f = {};
  if (ol.executionParameters) f.executionParameters = facet('executionParameters', { parameters: ol.executionParameters.map(([key, value]) => ({ key, value })) });
  if (ev.error) f.errorMessage = facet('errorMessage', ev.error);
  if (ol.mlflowFacet) f.mlflow = facet('mlflow', { ...ol.mlflowFacet, ...ev.mlflowExtra });
  if (ol.parent) f.parent = facet('parent', { job: jobRef(ol.parent.job), root: { job: jobRef(ol.root.job), run: { facets: {}, runId: ol.root.runId } }, run: { facets: {}, runId: ol.parent.runId } });
  f.processing_engine = facet('processing_engine', { ...ol.processingEngine, openlineageAdapterVersion: CLIENT_VERSION });
  // the client always adds its own version tag; only an `mlflow.run_id` entry is a link
  const tags = ol.tags.map(([key, value]) => ({ key, source: 'MLFLOW', value }));
  tags.push({ key: 'openlineage_client_version', source: 'OPENLINEAGE_CLIENT', value: CLIENT_VERSION });
  f.tags = facet('tags', { tags });
  return f;
}

/** The RunEvent object for one event `ev` of the lineage run `ol` (see scenario.mjs for their shape). */
export function runEvent(ol, ev) {
  const j = ol.job;
  return {
    eventTime: new Date(ev.time).toISOString(),
    eventType: ev.eventType,
    inputs: ev.inputs.map(input),
    job: {
      facets: {
        documentation: facet('documentation', { description: j.description }),
        jobType: facet('jobType', { integration: j.integration, jobType: j.jobType, processingType: 'BATCH' }),
      },
      name: j.name,
      namespace: j.namespace,
    },
    outputs: ev.outputs.map(output),
    producer: PRODUCER,
    run: { facets: runFacets(ol, ev), runId: ol.runId },
    schemaURL: RUN_EVENT_SCHEMA_URL,
  };
}

/** The file's text: json.dumps(sort_keys=True) plus the newline the transport appends. */
export const eventText = (event) => `${pyJson(event, { sortKeys: true })}\n`;

/** `events-<yyyymmdd-hhmmss.ffffff>.json` from the emission time in microseconds since the epoch (UTC). */
export function eventFileName(emittedUs) {
  const ms = Math.floor(emittedUs / 1000);
  const d = new Date(ms).toISOString(); // 2026-11-20T02:00:00.123Z
  const micros = String(emittedUs % 1_000_000).padStart(6, '0');
  return `events-${d.slice(0, 10).replace(/-/g, '')}-${d.slice(11, 19).replace(/:/g, '')}.${micros}.json`;
}

/** Every event of every lineage run with its emission time (a little after eventTime, as the client sends it). */
export function lineageEvents(runs) {
  const out = [];
  for (const r of runs) {
    if (!r.ol) continue;
    const rng = rngFor('emit', r.ol.runId);
    for (const ev of r.ol.events) out.push({ event: runEvent(r.ol, ev), emittedUs: ev.time * 1000 + rng.int(150, 1400) });
  }
  return out.sort((a, b) => a.emittedUs - b.emittedUs);
}

/** Writes each event to `dir/<file name>`; refuses to overwrite (two events never share a file). */
export function writeEventFiles(dir, events) {
  fs.mkdirSync(dir, { recursive: true });
  for (const { event, emittedUs } of events) fs.writeFileSync(path.join(dir, eventFileName(emittedUs)), eventText(event), { flag: 'wx' });
}
