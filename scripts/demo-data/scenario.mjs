// What the demo runs are: three nightly executions of groot-data-etl, two standalone jobs and one
// notebook run, the registered model, and the manifest the e2e tests read. Pure data + functions.

import { buildExecution, datasetIo, digest, ID_RULES, MLFLOW_ENGINE, mlflowInput, SEED } from './execution.mjs';
import { simpleHistory, round } from './metrics.mjs';
import { OL_NAMESPACE, PIPELINE } from './stages.mjs';
import { dashed, rngFor } from './prng.mjs';

export { ID_RULES };

export const CONTEXT = {
  experimentId: '1',
  experimentName: 'groot-data-etl',
  trackingUri: 'http://mlflow-server:5000',
  artifactRoot: 'mlflow-artifacts:/1',
  user: 'groot-etl',
  modelName: 'groot-tokenizer',
};

const commits = rngFor(SEED, 'git');
const COMMIT_A = commits.hex(40);
const COMMIT_B = commits.hex(40);
const NAN_STEPS = [201, 202, 203, 204, 205];

const FILTER_ERROR = {
  message: 'ValueError: nsfw_score is NaN for 1204 rows in shard part-00217',
  programmingLanguage: 'python',
  stackTrace: [
    'Traceback (most recent call last):',
    '  File "/opt/groot/pipeline.py", line 212, in run_stage',
    '    result = stage.run(batch)',
    '  File "/opt/groot/stages/filtering.py", line 88, in run',
    '    mask = self._safety_mask(batch)',
    '  File "/opt/groot/stages/filtering.py", line 57, in _safety_mask',
    '    raise ValueError(f"nsfw_score is NaN for {n} rows in shard {shard}")',
    'ValueError: nsfw_score is NaN for 1204 rows in shard part-00217',
  ].join('\n'),
};

/**
 * e1 and e2 are the pair to compare (new raw snapshot, dedup threshold 0.95 → 0.92); e2 also
 * carries each id rule alone. e3 fails at filtering and records data versions with data.* tags.
 */
export const EXECUTIONS = [
  {
    id: 'e1', date: '2026-11-20', start: '2026-11-20T02:00:00.000Z', rawSnapshot: '2026-11-19', rawRows: 480_000,
    threshold: '0.95', dedupRate: 0.118, passRate: 0.841, gitCommit: COMMIT_A,
    evidence: { default: ID_RULES }, registersModel: true, dataRecordedWith: 'log_input',
    specials: [
      ...NAN_STEPS.map((step) => ({ stage: 'deduplication', key: 'gpu_utilization', step, value: NaN })),
      { stage: 'data-loading', key: 'throughput', step: 240, value: Infinity },
    ],
  },
  {
    id: 'e2', date: '2026-11-24', start: '2026-11-24T02:00:00.000Z', rawSnapshot: '2026-11-23', rawRows: 512_000,
    threshold: '0.92', dedupRate: 0.163, passRate: 0.846, gitCommit: COMMIT_B,
    evidence: { default: ['uuid'], 'data-loading': ['mlflow-facet'], deduplication: ['tags-facet'], filtering: ['mlflow-tag'] },
    registersModel: true, dataRecordedWith: 'log_input',
    // the stage logged its effective batch size to MLflow, the lineage facet kept the configured one
    mlflowParamOverrides: { tokenization: { batch_size: '512' } },
  },
  {
    id: 'e3', date: '2026-11-25', start: '2026-11-25T02:00:00.000Z', rawSnapshot: '2026-11-24', rawRows: 530_000,
    threshold: '0.92', dedupRate: 0.161, passRate: 0.85, gitCommit: COMMIT_B,
    evidence: { default: ID_RULES }, dataRecordedWith: 'data-tags',
    failAt: { stage: 'filtering', step: 217, error: FILTER_ERROR },
  },
];

function standaloneMlflowTags(user, source, stage, runName, note) {
  return [['mlflow.user', user], ['mlflow.source.name', source], ['mlflow.source.type', 'LOCAL'], ['mlflow.source.git.commit', COMMIT_B], ['pipeline', PIPELINE], ['stage', stage], ['mlflow.runName', runName], ['mlflow.note.content', note]];
}

/** Linked only by reading and writing the same dataset versions at the same time (rule `dataset`). */
function qualityReport(tokenized) {
  const ids = rngFor(SEED, 'quality-report', 'ids');
  const mlId = ids.uuidHex();
  const olId = dashed(ids.uuidHex());
  const start = Date.parse('2026-11-24T04:10:00.000Z') + 412;
  const end = start + 61 * 14_000 + 350;
  const out = { name: 'groot/reports/quality', version: digest('groot/reports/quality', tokenized.version), rows: 4 };
  const checks = rngFor(SEED, 'quality-report', 'metrics');
  return {
    label: 'quality-report', execution: null, date: '2026-11-24', stage: 'quality-report', rule: 'dataset', idRules: [],
    input: tokenized, output: out,
    ol: {
      runId: olId,
      job: { namespace: OL_NAMESPACE, name: `${PIPELINE}.quality-report`, jobType: 'JOB', integration: 'MLFLOW', description: 'Sample-based quality checks of the curated tokenized shards' },
      parent: null, root: null, processingEngine: MLFLOW_ENGINE, executionParameters: [['sample_size', '5000'], ['checks', 'caption_len,nsfw,resolution,dup_leak']],
      mlflowFacet: null, tags: [],
      events: [
        { eventType: 'START', time: start + 180, inputs: [datasetIo(tokenized.name, tokenized.version, tokenized.rows, 'input')], outputs: [] },
        { eventType: 'COMPLETE', time: end - 2, inputs: [datasetIo(tokenized.name, tokenized.version, tokenized.rows, 'input')], outputs: [datasetIo(out.name, out.version, out.rows, 'output')] },
      ],
    },
    mlflow: {
      runId: mlId, experimentId: CONTEXT.experimentId, name: 'quality-report', status: 'FINISHED', startTime: start, endTime: end, userId: CONTEXT.user,
      artifactUri: `${CONTEXT.artifactRoot}/${mlId}/artifacts`,
      tags: standaloneMlflowTags(CONTEXT.user, 'quality_report.py', 'quality-report', 'quality-report', 'Sample-based quality checks of the curated tokenized shards'),
      params: [['sample_size', '5000'], ['checks', 'caption_len,nsfw,resolution,dup_leak']],
      metrics: simpleHistory(['checked_samples', 'pass_rate'], 60, start, 14_000, (key, step) => (key === 'checked_samples' ? (step + 1) * 84 : round(0.975 + checks.normal(0, 0.006), 4))),
      inputs: [mlflowInput(tokenized.name, tokenized.version, tokenized.rows, 'input', 'quality-report'), mlflowInput(out.name, out.version, out.rows, 'output', 'quality-report')],
    },
  };
}

/** A lineage-only job: nothing in MLflow names it, and it runs hours after any MLflow run. */
function exportStats(tokenized) {
  const olId = dashed(rngFor(SEED, 'export-stats', 'ids').uuidHex());
  const start = Date.parse('2026-11-24T08:30:00.000Z') + 231;
  const out = { name: 'groot/reports/token-stats', version: digest('groot/reports/token-stats', tokenized.version), rows: 4 };
  const inIo = datasetIo(tokenized.name, tokenized.version, tokenized.rows, 'input');
  return {
    label: 'export-stats', execution: null, date: '2026-11-24', stage: 'export-stats', rule: null, idRules: [], input: tokenized, output: out,
    ol: {
      runId: olId,
      job: { namespace: OL_NAMESPACE, name: `${PIPELINE}.export-stats`, jobType: 'JOB', integration: 'PYTHON', description: 'Export per-modality token statistics for the data dashboard' },
      parent: null, root: null, processingEngine: { name: 'python', version: '3.11.2' }, executionParameters: [['format', 'parquet']],
      mlflowFacet: null, tags: [],
      events: [
        { eventType: 'START', time: start, inputs: [inIo], outputs: [] },
        { eventType: 'COMPLETE', time: start + 96_517, inputs: [inIo], outputs: [datasetIo(out.name, out.version, out.rows, 'output')] },
      ],
    },
    mlflow: null,
  };
}

/** An MLflow-only run: an ad-hoc notebook sweep that never emitted lineage. */
function notebookSweep() {
  const mlId = rngFor(SEED, 'notebook', 'ids').uuidHex();
  const noise = rngFor(SEED, 'notebook', 'metrics');
  const start = Date.parse('2026-11-22T14:05:00.000Z') + 77;
  const probe = { name: 'groot/samples/dedup-probe', version: digest('groot/samples/dedup-probe', '2026-11-22'), rows: 50_000 };
  const rate = (step) => round(0.593 * Math.exp(-10.76 * (step * 0.01)) + noise.normal(0, 0.002), 5);
  const rates = Array.from({ length: 20 }, (_, step) => rate(step));
  return {
    label: 'notebook', execution: null, date: '2026-11-22', stage: 'notebook', rule: null, idRules: [], input: probe, output: null,
    ol: null,
    mlflow: {
      runId: mlId, experimentId: CONTEXT.experimentId, name: 'dedup-threshold-sweep', status: 'FINISHED', startTime: start, endTime: start + 21 * 45_000 + 900, userId: 'alice',
      artifactUri: `${CONTEXT.artifactRoot}/${mlId}/artifacts`,
      tags: [['mlflow.user', 'alice'], ['mlflow.source.name', '/opt/conda/lib/python3.11/site-packages/ipykernel_launcher.py'], ['mlflow.source.type', 'LOCAL'], ['mlflow.runName', 'dedup-threshold-sweep'], ['mlflow.note.content', 'Ad-hoc notebook: dedup rate vs similarity threshold (0.80–0.99) on a 50k-sample probe']],
      params: [['probe_samples', '50000'], ['threshold_min', '0.80'], ['threshold_max', '0.99'], ['embedding_model', 'clip-vit-l-14']],
      metrics: simpleHistory(['dedup_rate', 'kept_samples'], 20, start, 45_000, (key, step) => (key === 'dedup_rate' ? rates[step] : Math.round(50_000 * (1 - rates[step])))),
      inputs: [mlflowInput(probe.name, probe.version, probe.rows, 'input', 'notebook')],
    },
  };
}

function registeredModel(models) {
  const [first, second] = models;
  const version = (m, n) => ({
    version: n, creationTime: m.endMs + 33, lastUpdatedTime: m.endMs + 71, description: `from run ${m.runId}`, userId: null, currentStage: 'None',
    source: `${m.artifactUri}/tokenizer`, runId: m.runId, status: 'READY', statusMessage: null, runLink: '', storageLocation: `${m.artifactUri}/tokenizer`,
    tags: [['pipeline', PIPELINE], ['openlineage.run_id', m.olRunId], ['execution_date', m.date]],
  });
  return {
    name: CONTEXT.modelName, description: 'Tokenizer produced by the groot-data-etl pipeline', creationTime: first.endMs + 21, lastUpdatedTime: second.endMs + 48,
    tags: [['team', 'groot-data']],
    versions: [version(first, 1), version(second, 2)],
    // champion stays on the reviewed v1; latest-etl follows the newest nightly
    aliases: [['champion', 1], ['latest-etl', 2]],
  };
}

/** Everything the generator writes, built from nothing but the constants above. */
export function buildScenario() {
  const runs = [];
  const models = [];
  for (const ex of EXECUTIONS) {
    const built = buildExecution(ex, CONTEXT);
    for (const r of built.runs) runs.push({ ...r, rule: r.idRules[0] ?? null });
    if (built.model) models.push({ ...built.model, date: ex.date });
  }
  const tokenizedE2 = runs.find((r) => r.label === 'e2.tokenization').output;
  runs.push(notebookSweep(), qualityReport(tokenizedE2), exportStats(tokenizedE2));
  const experiments = [
    { id: 0, name: 'Default', artifactLocation: 'mlflow-artifacts:/0', creationTime: Date.parse('2026-11-01T09:00:00.000Z'), tags: [] },
    {
      id: 1, name: CONTEXT.experimentName, artifactLocation: CONTEXT.artifactRoot, creationTime: Date.parse('2026-11-01T09:00:02.481Z'),
      tags: [['team', 'groot-data'], ['mlflow.note.content', 'Multimodal data ETL: loading -> semantic dedup -> filtering -> tokenization']],
    },
  ];
  return { context: CONTEXT, experiments, runs, registeredModels: [registeredModel(models)] };
}

export { buildManifest } from './manifest.mjs';
