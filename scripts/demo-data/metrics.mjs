// Metric histories as the pipeline logs them to MLflow: one log_metrics batch per 1000-row batch
// (all keys of a step share a timestamp), then single-value summaries at step 0.
// Values are plain JS numbers; NaN and Infinity stay as such here (mlflow-db.mjs stores them MLflow's way).

import { BATCH } from './stages.mjs';

export const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;
const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

/**
 * Cumulative kept rows per batch: the exact keep fraction plus a Brownian bridge, so running rates
 * wander early and land exactly on `outputRows` at the last batch.
 */
function keptSeries(rng, n, inputRows, outputRows) {
  const walk = [];
  let w = 0;
  for (let i = 0; i < n; i++) walk.push((w += rng.normal()));
  const kept = [];
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const processed = Math.min((i + 1) * BATCH, inputRows);
    const batchRows = processed - i * BATCH;
    const ideal = (processed * outputRows) / inputRows + 35 * (walk[i] - (walk[n - 1] * (i + 1)) / n);
    const k = i === n - 1 ? outputRows : clamp(Math.round(ideal), prev, prev + batchRows);
    kept.push(k);
    prev = k;
  }
  return kept;
}

/**
 * History of one stage run. `failAtStep` stops logging before that step (the stage crashed) and
 * skips the summaries; `specials` override single points ({key, step, value}) to plant NaN / Infinity.
 * Returns the points and the time the stage finished its last batch.
 */
export function stageHistory(rng, o) {
  const n = Math.ceil(o.inputRows / BATCH);
  const last = o.failAtStep ?? n;
  const kept = o.stage === 'data-loading' || o.stage === 'tokenization' ? null : keptSeries(rng, n, o.inputRows, o.outputRows);
  const points = [];
  const override = new Map((o.specials ?? []).map((s) => [`${s.key}@${s.step}`, s.value]));
  const log = (key, value, timestamp, step) => {
    const planted = override.get(`${key}@${step}`);
    points.push({ key, value: planted ?? value, timestamp, step });
  };
  let t = o.startMs + rng.int(1500, 4000);
  let tokens = 0;
  for (let i = 0; i < last; i++) {
    const processed = Math.min((i + 1) * BATCH, o.inputRows);
    const batchRows = processed - i * BATCH;
    const dt = Math.max(0.3, o.secondsPerBatch * (batchRows / BATCH) * (1 + rng.normal(0, 0.08)));
    t += Math.round(dt * 1000);
    const total = kept ? kept[i] : processed;
    log('total_samples', total, t, i);
    log('samples_processed', processed, t, i);
    log('throughput', round(batchRows / dt, 2), t, i);
    log('gpu_utilization', round(clamp(o.gpu + 0.05 * Math.sin(i / 17) + rng.normal(0, 0.03), 0.05, 0.99), 3), t, i);
    if (o.stage === 'deduplication') {
      log('dedup_rate', round(1 - total / processed, 5), t, i);
      log('duplicates_removed', processed - total, t, i);
    } else if (o.stage === 'filtering') {
      log('filter_pass_rate', round(total / processed, 5), t, i);
    } else if (o.stage === 'tokenization') {
      tokens += Math.round(batchRows * rng.normal(412, 6));
      log('total_tokens', tokens, t, i);
    }
  }
  if (o.failAtStep != null) return { points, endMs: t + rng.int(200, 900) };

  const end = t + rng.int(300, 1200);
  const elapsed = round((end - o.startMs) / 1000, 3);
  log('elapsed_seconds', elapsed, end, 0);
  log('input_samples', o.inputRows, end, 0);
  log('final_total_samples', o.outputRows, end, 0);
  if (o.stage === 'deduplication') log('final_dedup_rate', round(1 - o.outputRows / o.inputRows, 5), end, 0);
  return { points, endMs: end + rng.int(20, 60) };
}

/** Single values at step 0, all with one timestamp (a parent run's summary). */
export function summary(timestamp, entries) {
  return entries.map(([key, value]) => ({ key, value, timestamp, step: 0 }));
}

/** A short history with one value per step from `valueAt(key, step)`, `stepMs` apart. */
export function simpleHistory(keys, steps, startMs, stepMs, valueAt) {
  const points = [];
  for (let step = 0; step < steps; step++) {
    for (const key of keys) points.push({ key, value: valueAt(key, step), timestamp: startMs + (step + 1) * stepMs, step });
  }
  return points;
}
