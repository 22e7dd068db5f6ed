// Writes an MLflow 2.12.2 SQLite backend store: the server's exact schema (schema.sql) and rows laid
// out the way its SqlAlchemyStore writes them, so readers of a real mlflow.db read this one too.

import fs from 'node:fs';
import Database from 'better-sqlite3';
import { pyJson } from './py-json.mjs';
import { rngFor } from './prng.mjs';

export const ALEMBIC_VERSION = 'acf3f17fdcc7';
const SCHEMA_SQL = fs.readFileSync(new URL('./schema.sql', import.meta.url), 'utf8');
const DBL_MAX = 1.7976931348623157e308;

/**
 * A metric value as SqlAlchemyStore stores it: NaN → 0 with is_nan=1; ±Infinity → ±DBL_MAX
 * ("Sql can not represent Infs"), so a reader must map ±1.7976931348623157e308 back to ±Infinity.
 */
export function storedMetric(value) {
  if (Number.isNaN(value)) return { value: 0, isNan: 1 };
  if (value === Infinity) return { value: DBL_MAX, isNan: 0 };
  if (value === -Infinity) return { value: -DBL_MAX, isNan: 0 };
  return { value, isNan: 0 };
}

/** A new DB at `file` with the schema and alembic revision; fast pragmas, as it is a temp file until renamed. */
export function createMlflowDb(file) {
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(SCHEMA_SQL);
  db.prepare('INSERT INTO alembic_version (version_num) VALUES (?)').run(ALEMBIC_VERSION);
  return db;
}

/** Prepared inserts for experiments, runs (with everything they logged) and registered models. */
export function prepareWriter(db) {
  const q = (sql) => db.prepare(sql);
  const s = {
    experiment: q('INSERT INTO experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) VALUES (?, ?, ?, ?, ?, ?)'),
    experimentTag: q('INSERT INTO experiment_tags ("key", value, experiment_id) VALUES (?, ?, ?)'),
    run: q('INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    tag: q('INSERT INTO tags ("key", value, run_uuid) VALUES (?, ?, ?)'),
    param: q('INSERT INTO params ("key", value, run_uuid) VALUES (?, ?, ?)'),
    metric: q('INSERT INTO metrics ("key", value, timestamp, run_uuid, step, is_nan) VALUES (?, ?, ?, ?, ?, ?)'),
    latest: q('INSERT INTO latest_metrics ("key", value, timestamp, step, is_nan, run_uuid) VALUES (?, ?, ?, ?, ?, ?)'),
    dataset: q('INSERT INTO datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    input: q('INSERT INTO inputs (input_uuid, source_type, source_id, destination_type, destination_id) VALUES (?, ?, ?, ?, ?)'),
    inputTag: q('INSERT INTO input_tags (input_uuid, name, value) VALUES (?, ?, ?)'),
    model: q('INSERT INTO registered_models (name, creation_time, last_updated_time, description) VALUES (?, ?, ?, ?)'),
    modelTag: q('INSERT INTO registered_model_tags ("key", value, name) VALUES (?, ?, ?)'),
    version: q('INSERT INTO model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, status, status_message, run_link, storage_location) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
    versionTag: q('INSERT INTO model_version_tags ("key", value, name, version) VALUES (?, ?, ?, ?)'),
    alias: q('INSERT INTO registered_model_aliases (alias, version, name) VALUES (?, ?, ?)'),
  };
  // MLflow reuses a dataset row when (experiment, name, digest) was logged before
  const datasets = new Map();

  function dataset(experimentId, d) {
    const key = `${experimentId}\u0000${d.name}\u0000${d.digest}`;
    let id = datasets.get(key);
    if (!id) {
      id = rngFor('dataset', key).uuidHex();
      const schema = { mlflow_colspec: d.fields.map(([name, type]) => ({ type, name, required: true })) };
      s.dataset.run(id, experimentId, d.name, d.digest, 's3', pyJson({ uri: d.uri }), pyJson(schema), pyJson({ num_rows: d.rows, num_elements: d.rows * d.fields.length }));
      datasets.set(key, id);
    }
    return id;
  }

  return {
    experiment(e) {
      s.experiment.run(e.id, e.name, e.artifactLocation, 'active', e.creationTime, e.creationTime);
      for (const [k, v] of e.tags) s.experimentTag.run(k, v, e.id);
    },
    run(r) {
      const id = r.runId;
      s.run.run(id, r.name, 'UNKNOWN', '', '', r.userId, r.status, r.startTime, r.endTime, '', 'active', r.artifactUri, Number(r.experimentId), null);
      for (const [k, v] of r.tags) s.tag.run(k, v, id);
      for (const [k, v] of r.params) s.param.run(k, v, id);
      for (const d of r.inputs) {
        const inputId = rngFor('input', id, d.name, d.digest, d.context).uuidHex();
        s.input.run(inputId, 'DATASET', dataset(Number(r.experimentId), d), 'RUN', id);
        for (const [k, v] of d.inputTags) s.inputTag.run(inputId, k, v);
      }
      const latest = new Map();
      for (const m of r.metrics) {
        const { value, isNan } = storedMetric(m.value);
        s.metric.run(m.key, value, m.timestamp, id, m.step, isNan);
        const cur = latest.get(m.key);
        // SqlAlchemyStore keeps the point with the greatest (step, timestamp, value)
        if (!cur || m.step > cur.step || (m.step === cur.step && (m.timestamp > cur.timestamp || (m.timestamp === cur.timestamp && value > cur.value)))) {
          latest.set(m.key, { value, isNan, timestamp: m.timestamp, step: m.step });
        }
      }
      for (const [k, m] of latest) s.latest.run(k, m.value, m.timestamp, m.step, m.isNan, id);
    },
    registeredModel(m) {
      s.model.run(m.name, m.creationTime, m.lastUpdatedTime, m.description);
      for (const [k, v] of m.tags) s.modelTag.run(k, v, m.name);
      for (const v of m.versions) {
        s.version.run(m.name, v.version, v.creationTime, v.lastUpdatedTime, v.description, v.userId, v.currentStage, v.source, v.runId, v.status, v.statusMessage, v.runLink, v.storageLocation);
        for (const [k, val] of v.tags) s.versionTag.run(k, val, m.name, v.version);
      }
      for (const [alias, version] of m.aliases) s.alias.run(alias, version, m.name);
    },
  };
}

/** Writes `file` atomically: build a temp DB beside it, then rename over the old one. */
export function writeMlflowDb(file, { experiments, runs, registeredModels }) {
  const tmp = `${file}.tmp-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const db = createMlflowDb(tmp);
  try {
    const w = prepareWriter(db);
    db.transaction(() => {
      for (const e of experiments) w.experiment(e);
      for (const r of runs) if (r.mlflow) w.run(r.mlflow);
      for (const m of registeredModels) w.registeredModel(m);
    })();
  } finally {
    db.close();
  }
  fs.renameSync(tmp, file);
}
