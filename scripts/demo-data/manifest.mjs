// manifest.json: the ids and expectations the e2e tests need, derived from the scenario (never
// hand-maintained, so it cannot drift from what was written).

const iso = (ms) => (ms == null ? null : new Date(ms).toISOString());
const fmt = (v) => (Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : v);
const dataset = (d) => (d ? { namespace: 's3://bucket', name: d.name, version: d.version, rowCount: d.rows } : null);

function runEntry(r) {
  const ol = r.ol;
  const ml = r.mlflow;
  const last = ol?.events[ol.events.length - 1];
  const parentMl = ml?.tags.find(([k]) => k === 'mlflow.parentRunId')?.[1] ?? null;
  return {
    label: r.label,
    execution: r.execution,
    date: r.date,
    stage: r.stage,
    rule: r.rule,
    idRules: r.idRules,
    openlineage: ol && {
      runId: ol.runId,
      namespace: ol.job.namespace,
      job: ol.job.name,
      state: last.eventType,
      eventTypes: ol.events.map((e) => e.eventType),
      startTime: iso(ol.events[0].time),
      endTime: iso(last.time),
      parentRunId: ol.parent?.runId ?? null,
      errorMessage: last.error?.message ?? null,
    },
    mlflow: ml && {
      runId: ml.runId,
      runName: ml.name,
      experimentId: ml.experimentId,
      status: ml.status,
      startTime: ml.startTime,
      endTime: ml.endTime,
      parentRunId: parentMl,
      metricKeys: [...new Set(ml.metrics.map((m) => m.key))],
      dataRecordedWith: ml.inputs.length ? 'log_input' : ml.tags.some(([k]) => k === 'data.dataset_hash') ? 'data.* tags' : null,
    },
    input: dataset(r.input),
    output: dataset(r.output),
  };
}

function paramDisagreements(runs) {
  const out = [];
  for (const r of runs) {
    if (!r.ol?.executionParameters || !r.mlflow) continue;
    const ml = new Map(r.mlflow.params);
    for (const [key, value] of r.ol.executionParameters) {
      if (ml.has(key) && ml.get(key) !== value) out.push({ label: r.label, key, openlineage: value, mlflow: ml.get(key) });
    }
  }
  return out;
}

function metricSpecials(runs) {
  const out = [];
  for (const r of runs) {
    for (const m of r.mlflow?.metrics ?? []) {
      if (!Number.isFinite(m.value)) out.push({ label: r.label, mlflowRunId: r.mlflow.runId, key: m.key, step: m.step, value: fmt(m.value) });
    }
  }
  return out;
}

/** The manifest object; `extra` adds what only the writer knows (event count, file names). */
export function buildManifest(scenario, extra = {}) {
  const runs = scenario.runs.map(runEntry);
  const executions = [...new Set(scenario.runs.map((r) => r.execution).filter(Boolean))].map((id) => {
    const own = runs.filter((r) => r.execution === id);
    const pipeline = own.find((r) => r.stage === 'pipeline');
    const params = new Map(scenario.runs.find((r) => r.label === `${id}.deduplication`).mlflow.params);
    return {
      id,
      date: pipeline.date,
      state: pipeline.openlineage.state,
      similarityThreshold: params.get('similarity_threshold'),
      rawVersion: pipeline.input.version,
      stages: own.filter((r) => r !== pipeline).map((r) => ({ stage: r.stage, label: r.label, input: r.input, output: r.output })),
      stagesNotRun: ['data-loading', 'deduplication', 'filtering', 'tokenization'].filter((s) => !own.some((r) => r.stage === s)),
    };
  });
  const byRule = {};
  for (const r of runs) if (r.rule) (byRule[r.rule] ??= []).push(r.label);
  return {
    generator: 'runlens demo data (scripts/demo-data)',
    ...extra,
    experiment: { id: scenario.context.experimentId, name: scenario.context.experimentName },
    trackingUri: scenario.context.trackingUri,
    note: 'rule = expected primary link rule (null = unmatched). idRules = the id-based rules whose evidence was written; the dataset suggestion may additionally hold for pairs that logged the same dataset versions.',
    runs,
    rulesPrimary: byRule,
    unmatched: {
      openlineageOnly: runs.filter((r) => r.openlineage && !r.mlflow).map((r) => r.label),
      mlflowOnly: runs.filter((r) => r.mlflow && !r.openlineage).map((r) => r.label),
    },
    executions,
    paramDisagreements: paramDisagreements(scenario.runs),
    metricSpecials: metricSpecials(scenario.runs),
    models: scenario.registeredModels.map((m) => ({
      name: m.name,
      aliases: Object.fromEntries(m.aliases.map(([a, v]) => [a, String(v)])),
      versions: m.versions.map((v) => ({ version: String(v.version), runId: v.runId, source: v.source, label: scenario.runs.find((r) => r.mlflow?.runId === v.runId)?.label ?? null })),
    })),
  };
}
