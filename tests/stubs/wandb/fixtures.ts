import { createHash } from 'node:crypto';
import { pythonJson } from './python-json';

/*
 * W&B runs of the groot-data-etl scenario (scripts/demo-data): stage runs of execution e1 and the
 * failed e3 filtering, each naming its OpenLineage run the way linking.md's wandb-config rule reads
 * (config key openlineage_run_id, or a run tag ol:<uuid>), plus unlinked runs. Wire shapes are W&B's:
 * config and summaryMetrics are JSON strings ({key: {value, desc}} for config), non-finite numbers are
 * bare NaN/Infinity tokens, createdAt/heartbeatAt are UTC without a zone designator.
 */

export type HistoryRow = Record<string, number>;

export interface FixtureArtifact {
  collection: string;
  versionIndex: number;
  type: string;
  aliases: string[];
  /** Where the data lives; written to metadata as {"uri": …} like the pipeline does. */
  uri: string;
}

export interface FixtureRun {
  /** Internal id W&B gives every run (base64 of "Run:v1:<name>:<project>:<entity>"). */
  storageId: string;
  name: string;
  displayName: string;
  state: 'running' | 'finished' | 'crashed' | 'failed';
  config: string;
  summaryMetrics: string;
  tags: string[];
  group: string | null;
  jobType: string | null;
  commit: string | null;
  createdAt: string;
  /** Last change; the heartbeat when left out (a run's last write is usually its last heartbeat). */
  updatedAt?: string;
  heartbeatAt: string;
  username: string;
  history: HistoryRow[];
  outputs: FixtureArtifact[];
  inputs: FixtureArtifact[];
}

export interface FixtureProject {
  entity: string;
  name: string;
  runs: FixtureRun[];
}

export const ENTITY = 'groot-team';
export const PROJECT = 'groot-data-etl';

/** OpenLineage runIds of scripts/demo-data (tests/unit/stubs/wandb checks them against the demo manifest). */
export const OL_RUN_IDS = {
  'e1.data-loading': '3facf880-e2cb-475e-b162-f480957422b1',
  'e1.deduplication': 'ab99793c-6a1f-44f4-9a59-2f74725eda4a',
  'e1.filtering': 'ed51b10a-09b9-4b4c-bc3c-74ef48aa56f8',
  'e1.tokenization': '2e396764-bda1-4c19-b644-34169c65fe11',
  'e3.filtering': '05189a37-341d-4f12-8fad-48028aacb623',
} as const;

/** A config as W&B stores it: each key {value, desc}, plus W&B's own _wandb entry. */
function config(values: Record<string, unknown>): string {
  const entries = Object.entries(values).map(([key, value]) => [key, { desc: null, value }]);
  entries.push(['_wandb', { desc: null, value: { cli_version: '0.18.7', python_version: '3.11.9', t: { 1: [1, 55], 3: [13, 23] } } }]);
  return JSON.stringify(Object.fromEntries(entries));
}

const seconds = (iso: string) => Date.parse(`${iso}Z`) / 1000;

/** One history row per step from `start`, spaced evenly until `end`; `series` gives each metric's value at a step. */
function history(start: string, end: string, steps: number, series: Record<string, (step: number) => number>): HistoryRow[] {
  const t0 = seconds(start);
  const span = seconds(end) - t0;
  const rows: HistoryRow[] = [];
  for (let step = 0; step < steps; step++) {
    const row: HistoryRow = { _step: step, _timestamp: t0 + (span * (step + 1)) / steps, _runtime: (span * (step + 1)) / steps };
    for (const [key, at] of Object.entries(series)) row[key] = at(step);
    rows.push(row);
  }
  return rows;
}

/** The summary W&B keeps: the last logged value of each key, plus its own _step/_runtime/_timestamp/_wandb. */
function summary(rows: HistoryRow[], extra: Record<string, unknown> = {}): string {
  const last: Record<string, unknown> = {};
  for (const row of rows) Object.assign(last, row);
  return pythonJson({ ...last, ...extra, _wandb: { runtime: Math.round(Number(last._runtime ?? 0)) } });
}

const wave = (base: number, amplitude: number, period: number) => (step: number) => base + amplitude * Math.sin(step / period);

function run(project: string, partial: Omit<FixtureRun, 'storageId' | 'summaryMetrics'> & { summaryExtra?: Record<string, unknown> }): FixtureRun {
  const { summaryExtra, ...rest } = partial;
  return { ...rest, storageId: Buffer.from(`Run:v1:${partial.name}:${project}:${ENTITY}`).toString('base64'), summaryMetrics: summary(partial.history, summaryExtra) };
}

const dataset = (collection: string, versionIndex: number, key: string, aliases: string[] = []): FixtureArtifact => ({
  collection, versionIndex, type: 'dataset', aliases: [...aliases, `v${versionIndex}`], uri: `s3://bucket/${key}`,
});

function groot(): FixtureRun[] {
  const loading = history('2026-11-20T02:00:01', '2026-11-20T02:08:50', 480, {
    total_samples: (s) => (s + 1) * 1000,
    // +Infinity at step 240: a division by a zero-length batch time, as logged.
    throughput: (s) => (s === 240 ? Number.POSITIVE_INFINITY : wave(905, 40, 17)(s)),
  });
  const dedup = history('2026-11-20T02:08:52', '2026-11-20T02:24:05', 400, {
    dedup_rate: wave(0.118, 0.01, 23),
    // NaN for steps 201–205 (a GPU probe that failed), and as the last value.
    gpu_utilization: (s) => (s >= 201 && s <= 205) || s === 399 ? Number.NaN : wave(0.82, 0.05, 11)(s),
  });
  const filtering = history('2026-11-20T02:24:07', '2026-11-20T02:30:30', 300, { filter_pass_rate: wave(0.91, 0.02, 31) });
  const tokenization = history('2026-11-20T02:30:31', '2026-11-20T02:40:00', 356, { total_tokens: (s) => (s + 1) * 184_000 });
  const failed = history('2026-11-25T02:26:39', '2026-11-25T02:29:57', 217, { filter_pass_rate: wave(0.9, 0.02, 31) });
  const probe = history('2026-11-25T09:12:00', '2026-11-25T09:14:30', 50, { dedup_rate: wave(0.15, 0.02, 7) });
  return [
    run(PROJECT, {
      name: 'd1l0ad3x', displayName: 'e1.data-loading', state: 'finished', group: 'groot-data-etl-20261120', jobType: 'data-loading',
      config: config({ openlineage_run_id: OL_RUN_IDS['e1.data-loading'], batch_size: 1000, source: { uri: 's3://bucket/groot/raw/multimodal', version: 'ed4b7e51' } }),
      tags: ['nightly'], commit: '9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b1d', createdAt: '2026-11-20T02:00:01', heartbeatAt: '2026-11-20T02:08:50',
      username: 'etl-bot', history: loading,
      inputs: [dataset('multimodal-raw', 3, 'groot/raw/multimodal', ['nightly-20261120'])], outputs: [dataset('loaded', 0, 'groot/staging/loaded', ['latest'])],
    }),
    run(PROJECT, {
      name: 'k7d3dup1', displayName: 'e1.deduplication', state: 'finished', group: 'groot-data-etl-20261120', jobType: 'deduplication',
      config: config({ openlineage_run_id: OL_RUN_IDS['e1.deduplication'], similarity_threshold: 0.95, batch_size: 1000, minhash: { num_perm: 128, bands: 16 } }),
      tags: ['nightly'], commit: '9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b1d', createdAt: '2026-11-20T02:08:52', heartbeatAt: '2026-11-20T02:24:05',
      username: 'etl-bot', history: dedup, summaryExtra: { final_dedup_rate: 0.118, duplicates_removed: 56_640 },
      inputs: [dataset('loaded', 0, 'groot/staging/loaded')], outputs: [dataset('deduplicated', 0, 'groot/staging/deduplicated', ['latest'])],
    }),
    run(PROJECT, {
      // Linked by a run tag instead of the config key.
      name: 'f1lt3r9a', displayName: 'e1.filtering', state: 'finished', group: 'groot-data-etl-20261120', jobType: 'filtering',
      config: config({ min_quality: 0.6, batch_size: 1000 }),
      tags: ['nightly', `ol:${OL_RUN_IDS['e1.filtering']}`], commit: '9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b1d', createdAt: '2026-11-20T02:24:07', heartbeatAt: '2026-11-20T02:30:30',
      username: 'etl-bot', history: filtering,
      inputs: [dataset('deduplicated', 0, 'groot/staging/deduplicated')], outputs: [dataset('filtered', 0, 'groot/staging/filtered', ['latest'])],
    }),
    run(PROJECT, {
      name: 't0k3n1ze', displayName: 'e1.tokenization', state: 'finished', group: 'groot-data-etl-20261120', jobType: 'tokenization',
      config: config({ openlineage_run_id: OL_RUN_IDS['e1.tokenization'], tokenizer: 'groot-bpe-32k', batch_size: 1000 }),
      tags: ['nightly'], commit: '9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b1d', createdAt: '2026-11-20T02:30:31', heartbeatAt: '2026-11-20T02:40:00',
      username: 'etl-bot', history: tokenization, summaryExtra: { min_token_logprob: Number.NEGATIVE_INFINITY },
      inputs: [dataset('filtered', 0, 'groot/staging/filtered')], outputs: [dataset('tokenized', 0, 'groot/curated/tokenized', ['latest', 'champion'])],
    }),
    run(PROJECT, {
      name: 'e3f1lt7r', displayName: 'e3.filtering', state: 'failed', group: 'groot-data-etl-20261125', jobType: 'filtering',
      config: config({ openlineage_run_id: OL_RUN_IDS['e3.filtering'], min_quality: 0.6, batch_size: 1000 }),
      tags: ['nightly'], commit: '9f2c4e1a7b3d5f60812a4c6e8b0d2f4a6c8e0b1d', createdAt: '2026-11-25T02:26:39', heartbeatAt: '2026-11-25T02:29:57',
      username: 'etl-bot', history: failed, inputs: [dataset('deduplicated', 2, 'groot/staging/deduplicated')], outputs: [],
    }),
    run(PROJECT, {
      name: 'pr0b3run', displayName: 'dedup-threshold-probe', state: 'running', group: null, jobType: null,
      config: config({ similarity_threshold: 0.9, optimizer: { name: 'adam', lr: 0.001 } }),
      tags: [], commit: null, createdAt: '2026-11-25T09:12:00', heartbeatAt: '2026-11-25T09:14:30', username: 'alice', history: probe, inputs: [], outputs: [],
    }),
    run(PROJECT, {
      name: 'cr4sh3d0', displayName: 'tokenizer-ablation', state: 'crashed', group: null, jobType: 'train',
      config: config({ vocab_size: 16000 }), tags: ['ablation'], commit: null, createdAt: '2026-11-22T14:00:00', heartbeatAt: '2026-11-22T14:03:10',
      username: 'alice', history: history('2026-11-22T14:00:00', '2026-11-22T14:03:10', 20, { loss: wave(2.1, 0.2, 5) }), inputs: [], outputs: [],
    }),
  ];
}

/** groot-data-etl plus a second project holding a run with the same 8-character id as a groot stage run. */
export function grootProjects(): FixtureProject[] {
  const evalRun = run('groot-eval', {
    name: 'k7d3dup1', displayName: 'eval-dedup-quality', state: 'finished', group: null, jobType: 'eval',
    config: config({ sample_size: 2000 }), tags: [], commit: null, createdAt: '2026-11-21T10:00:00', heartbeatAt: '2026-11-21T10:05:00',
    username: 'alice', history: history('2026-11-21T10:00:00', '2026-11-21T10:05:00', 10, { precision: wave(0.97, 0.01, 3) }), inputs: [], outputs: [],
  });
  return [{ entity: ENTITY, name: PROJECT, runs: groot() }, { entity: ENTITY, name: 'groot-eval', runs: [evalRun] }];
}

/** W&B artifact digests are 32 hex digits (an MD5 of the manifest); fixed per collection and version here. */
export function artifactDigest(a: FixtureArtifact): string {
  return createHash('md5').update(`${a.collection}:v${a.versionIndex}:${a.uri}`).digest('hex');
}
