// One nightly execution of groot-data-etl as both systems record it: a parent run and its stage
// runs, each with an OpenLineage side (events, facets) and an MLflow side (params, tags, metrics,
// dataset inputs). Which link evidence each run carries comes from the execution's `evidence`.

import { createHash } from 'node:crypto';
import { dashed, rngFor } from './prng.mjs';
import { pyJson } from './py-json.mjs';
import { stageHistory, summary, round } from './metrics.mjs';
import {
  BYTES_PER_SAMPLE,
  DATA_NAMESPACE,
  DATASETS,
  OL_NAMESPACE,
  PIPELINE,
  PIPELINE_DESCRIPTION,
  STAGES,
  commonParams,
  stageColumnLineage,
} from './stages.mjs';

export const SEED = 'runlens-demo-v1';
export const ID_RULES = ['uuid', 'mlflow-facet', 'tags-facet', 'mlflow-tag'];
export const MLFLOW_ENGINE = { name: 'mlflow', version: '2.12.2' };

/** An 8-hex content version, the length of MLflow's pandas dataset digest. */
export function digest(...parts) {
  return createHash('sha256').update(parts.join('|')).digest('hex').slice(0, 8);
}

/** A dataset as one event lists it; `full` adds the facets a stage reports (schema, dataSource, version). */
export function datasetIo(name, version, rows, role, full = true) {
  const stats = role === 'input' ? { rowCount: rows, size: rows * BYTES_PER_SAMPLE } : { fileCount: Math.ceil(rows / 4000), rowCount: rows, size: rows * BYTES_PER_SAMPLE };
  return full
    ? { namespace: DATA_NAMESPACE, name, version, fields: DATASETS[name], dataSource: true, stats }
    : { namespace: DATA_NAMESPACE, name, version: null, fields: null, dataSource: false, stats: role === 'output' ? { rowCount: rows } : null };
}

/** An MLflow `log_input` of the dataset `name`@`version` in context input/output. */
export function mlflowInput(name, version, rows, context, stage) {
  return { name, digest: version, uri: `${DATA_NAMESPACE}/${name}`, fields: DATASETS[name], rows, context, inputTags: [['stage', stage], ['role', context], ['mlflow.data.context', context]] };
}

const stamp = (ms) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/** Base MLflow tags set at create_run, in the order the client sends them. */
function baseTags(ctx, ex, runName, stage, parentMlId) {
  const tags = [
    ['mlflow.user', ctx.user],
    ['mlflow.source.name', 'pipeline.py'],
    ['mlflow.source.type', 'LOCAL'],
    ['mlflow.source.git.commit', ex.gitCommit],
    ['pipeline', PIPELINE],
    ['stage', stage],
    ['execution_date', ex.date],
  ];
  if (parentMlId) tags.push(['mlflow.parentRunId', parentMlId]);
  tags.push(['mlflow.runName', runName]);
  return tags;
}

function mlflowFacet(ctx, mlId, runName, parentMlId) {
  return { artifactUri: `${ctx.artifactRoot}/${mlId}/artifacts`, experimentId: ctx.experimentId, experimentName: ctx.experimentName, parentRunId: parentMlId ?? undefined, runId: mlId, runName, trackingUri: ctx.trackingUri };
}

/** The `mlflow.log-model.history` tag `Model.log` writes for the pyfunc model `tokenizer`. */
function logModelHistory(runId, loggedAtMs, micros, modelUuid) {
  const created = `${new Date(loggedAtMs).toISOString().replace('T', ' ').slice(0, 23)}${String(micros).padStart(3, '0')}`;
  const flavor = { streamable: false, cloudpickle_version: '2.2.0', python_model: 'python_model.pkl', loader_module: 'mlflow.pyfunc.model', python_version: '3.11.2', env: { conda: 'conda.yaml', virtualenv: 'python_env.yaml' } };
  return pyJson([{ run_id: runId, artifact_path: 'tokenizer', utc_time_created: created, flavors: { python_function: flavor }, model_uuid: modelUuid, mlflow_version: '2.12.2', model_size_bytes: 940 }]);
}

/** The MLflow tags naming the OpenLineage run (rule mlflow-tag). */
function olTags(olId, jobName, parentOlId) {
  const tags = [['openlineage.run_id', olId], ['openlineage.namespace', OL_NAMESPACE], ['openlineage.job', jobName]];
  if (parentOlId) tags.push(['openlineage.parent_run_id', parentOlId]);
  return tags;
}

/** Ids are drawn in a fixed order whatever the evidence, so changing evidence never moves other ids. */
function runIds(ids, rules) {
  const mlId = ids.uuidHex();
  const otherOl = dashed(ids.uuidHex());
  return { mlId, olId: rules.includes('uuid') ? dashed(mlId) : otherOl };
}

/** Builds every run of execution `ex`; returns runs (parent first) and the tokenization model source, if any. */
export function buildExecution(ex, ctx) {
  const rng = rngFor(SEED, ex.id, 'times');
  const ids = rngFor(SEED, ex.id, 'ids');
  const rulesOf = (stage) => ex.evidence[stage] ?? ex.evidence.default;
  const parentRules = rulesOf('pipeline');
  const parent = runIds(ids, parentRules);
  const parentJob = { namespace: OL_NAMESPACE, name: PIPELINE };
  const mlStart = Date.parse(ex.start) + rng.int(100, 900);
  const olStart = mlStart + rng.int(250, 350);
  const rawVersion = digest('groot/raw/multimodal', ex.rawSnapshot, ex.rawRows);

  const stages = [];
  let t = olStart + rng.int(1, 5);
  let input = { name: 'groot/raw/multimodal', version: rawVersion, rows: ex.rawRows };
  let failed = false;
  let model = null;
  for (const s of STAGES) {
    if (failed) break;
    const rules = rulesOf(s.stage);
    const { mlId, olId } = runIds(ids, rules);
    const fail = ex.failAt?.stage === s.stage ? ex.failAt : null;
    const outRows = { deduplication: Math.round(input.rows * (1 - ex.dedupRate)), filtering: Math.round(input.rows * ex.passRate) }[s.stage] ?? input.rows;
    const params = [...commonParams(ex), ...s.params(ex)];
    const output = { name: s.output, version: digest(s.output, input.version, JSON.stringify(params)), rows: outRows };
    const specials = (ex.specials ?? []).filter((x) => x.stage === s.stage);
    const hist = stageHistory(rngFor(SEED, ex.id, s.stage, 'metrics'), { stage: s.stage, inputRows: input.rows, outputRows: outRows, startMs: t, secondsPerBatch: s.secondsPerBatch, gpu: s.gpu, failAtStep: fail?.step, specials });
    const mlEnd = hist.endMs;
    const olEnd = mlEnd - rng.int(1, 3);
    const jobName = `${PIPELINE}.${s.stage}`;
    const registers = ex.registersModel && s.stage === 'tokenization';
    const inIo = datasetIo(input.name, input.version, input.rows, 'input');
    // The stage's checks of its input are reported when it ends (dbt reports its tests on the dataset tested).
    const checkedIo = s.qualityChecks ? { ...inIo, assertions: s.qualityChecks(Boolean(fail)) } : inIo;
    const outIo = { ...datasetIo(output.name, output.version, output.rows, 'output'), columnLineage: stageColumnLineage(s.stage, { namespace: DATA_NAMESPACE, name: input.name }, DATASETS[output.name]) };
    const mlParams = params.map(([k, v]) => [k, ex.mlflowParamOverrides?.[s.stage]?.[k] ?? v]);

    const tags = baseTags(ctx, ex, s.stage, s.stage, parent.mlId);
    if (rules.includes('mlflow-tag')) tags.push(...olTags(olId, jobName, parent.olId));
    tags.push(['dataset.input_uri', `${DATA_NAMESPACE}/${input.name}`], ['dataset.output_uri', `${DATA_NAMESPACE}/${s.output}`], ['mlflow.note.content', s.description(ex)]);
    let inputs = [];
    if (ex.dataRecordedWith === 'log_input') {
      inputs = [mlflowInput(input.name, input.version, input.rows, 'input', s.stage)];
      if (!fail) inputs.push(mlflowInput(output.name, output.version, output.rows, 'output', s.stage));
    } else if (!fail) {
      // log_data_version(input_paths, output_path, dataset_hash) of the integration guide
      tags.push(['data.input_paths', pyJson([`${DATA_NAMESPACE}/${input.name}`])], ['data.output_path', `${DATA_NAMESPACE}/${output.name}`], ['data.dataset_hash', output.version]);
    }
    if (registers) {
      model = { runId: mlId, olRunId: olId, artifactUri: `${ctx.artifactRoot}/${mlId}/artifacts`, endMs: mlEnd };
      tags.push(['mlflow.log-model.history', logModelHistory(mlId, mlEnd - rng.int(40, 70), rng.int(0, 999), ids.uuidHex())]);
    }

    stages.push({
      label: `${ex.id}.${s.stage}`,
      execution: ex.id,
      date: ex.date,
      stage: s.stage,
      idRules: ID_RULES.filter((r) => rules.includes(r)),
      input,
      output: fail ? null : output,
      ol: {
        runId: olId,
        job: { namespace: OL_NAMESPACE, name: jobName, jobType: 'TASK', integration: 'MLFLOW', description: s.description(ex) },
        parent: { runId: parent.olId, job: parentJob },
        root: { runId: parent.olId, job: parentJob },
        processingEngine: MLFLOW_ENGINE,
        executionParameters: params,
        mlflowFacet: rules.includes('mlflow-facet') ? mlflowFacet(ctx, mlId, s.stage, parent.mlId) : null,
        tags: rules.includes('tags-facet') ? [['mlflow.run_id', mlId], ['mlflow.experiment_id', ctx.experimentId], ['stage', s.stage]] : [],
        events: [
          { eventType: 'START', time: t + rng.int(40, 300), inputs: [inIo], outputs: [] },
          fail
            ? { eventType: 'FAIL', time: olEnd, inputs: [checkedIo], outputs: [], error: fail.error }
            : { eventType: 'COMPLETE', time: olEnd, inputs: [checkedIo], outputs: [outIo], mlflowExtra: registers ? { registeredModel: ctx.modelName } : undefined },
        ],
      },
      mlflow: { runId: mlId, experimentId: ctx.experimentId, name: s.stage, status: fail ? 'FAILED' : 'FINISHED', startTime: t, endTime: mlEnd, userId: ctx.user, artifactUri: `${ctx.artifactRoot}/${mlId}/artifacts`, tags, params: mlParams, metrics: hist.points, inputs },
    });
    failed = Boolean(fail);
    input = output;
    t = mlEnd + rng.int(8, 15);
  }

  const last = stages[stages.length - 1];
  const finalRows = failed ? null : last.output.rows;
  const elapsed = round((t + 80 - mlStart) / 1000, 3);
  const parentTags = baseTags(ctx, ex, `${PIPELINE}-${stamp(mlStart)}`, 'pipeline', null);
  if (parentRules.includes('mlflow-tag')) parentTags.push(...olTags(parent.olId, PIPELINE, null));
  const rawIo = datasetIo('groot/raw/multimodal', null, ex.rawRows, 'input', false);
  const pipelineRun = {
    label: `${ex.id}.pipeline`,
    execution: ex.id,
    date: ex.date,
    stage: 'pipeline',
    idRules: ID_RULES.filter((r) => parentRules.includes(r)),
    input: { name: 'groot/raw/multimodal', version: rawVersion, rows: ex.rawRows },
    output: failed ? null : last.output,
    ol: {
      runId: parent.olId,
      job: { ...parentJob, jobType: 'DAG', integration: 'MLFLOW', description: PIPELINE_DESCRIPTION },
      parent: null,
      root: null,
      processingEngine: MLFLOW_ENGINE,
      executionParameters: null,
      mlflowFacet: parentRules.includes('mlflow-facet') ? mlflowFacet(ctx, parent.mlId, `${PIPELINE}-${stamp(mlStart)}`, null) : null,
      tags: parentRules.includes('tags-facet') ? [['mlflow.run_id', parent.mlId], ['mlflow.experiment_id', ctx.experimentId], ['stage', 'pipeline']] : [],
      events: [
        { eventType: 'START', time: olStart, inputs: [rawIo], outputs: [] },
        failed
          ? { eventType: 'FAIL', time: t + 100, inputs: [rawIo], outputs: [], error: { message: `stage ${last.stage} failed: ${last.ol.events[1].error.message}`, programmingLanguage: 'python' } }
          : { eventType: 'COMPLETE', time: t + 100, inputs: [rawIo], outputs: [datasetIo(last.output.name, null, finalRows, 'output', false)] },
      ],
    },
    mlflow: {
      runId: parent.mlId,
      experimentId: ctx.experimentId,
      name: `${PIPELINE}-${stamp(mlStart)}`,
      status: failed ? 'FAILED' : 'FINISHED',
      startTime: mlStart,
      endTime: t + 102,
      userId: ctx.user,
      artifactUri: `${ctx.artifactRoot}/${parent.mlId}/artifacts`,
      tags: parentTags,
      params: commonParams(ex),
      metrics: failed
        ? summary(t + 80, [['elapsed_seconds', elapsed], ['input_samples', ex.rawRows]])
        : summary(t + 80, [['dedup_rate', ex.dedupRate], ['elapsed_seconds', elapsed], ['input_samples', ex.rawRows], ['throughput', round(ex.rawRows / elapsed, 2)], ['total_samples', finalRows]]),
      inputs: [],
    },
  };
  return { runs: [pipelineRun, ...stages], model };
}
