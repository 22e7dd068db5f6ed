// The groot-data-etl pipeline as the real scenario (../shared/data/groot-a) shows it: stage names,
// job descriptions, params, dataset names and schemas. Pure data; scenario.mjs decides the runs.

export const PIPELINE = 'groot-data-etl';
export const OL_NAMESPACE = 'groot-data-etl';
export const DATA_NAMESPACE = 's3://bucket';
export const BATCH = 1000;

const RAW_FIELDS = [
  ['sample_id', 'string'],
  ['modality', 'string'],
  ['uri', 'string'],
  ['caption', 'string'],
  ['num_bytes', 'long'],
  ['semantic_cluster', 'long'],
  ['nsfw_score', 'double'],
  ['resolution', 'long'],
];
const LOADED_FIELDS = [...RAW_FIELDS, ['loaded_at', 'string']];

/** Dataset name (object key under s3://bucket) → its columns. */
export const DATASETS = {
  'groot/raw/multimodal': RAW_FIELDS,
  'groot/staging/loaded': LOADED_FIELDS,
  'groot/staging/deduplicated': LOADED_FIELDS,
  'groot/staging/filtered': LOADED_FIELDS,
  'groot/curated/tokenized': [...LOADED_FIELDS, ['num_tokens', 'long']],
  'groot/reports/quality': [
    ['check', 'string'],
    ['passed', 'long'],
    ['failed', 'long'],
  ],
  'groot/reports/token-stats': [
    ['modality', 'string'],
    ['num_samples', 'long'],
    ['num_tokens', 'long'],
  ],
  'groot/samples/dedup-probe': LOADED_FIELDS,
};

/** Average bytes per sample, so `size` statistics look like multimodal shards. */
export const BYTES_PER_SAMPLE = 4_063_003;

export const PIPELINE_DESCRIPTION = 'groot multimodal data ETL pipeline';

/**
 * Stages in order. `params(ex)` are the stage-specific params after the common
 * num_gpus / batch_size / similarity_threshold, as the real pipeline logs them.
 */
export const STAGES = [
  {
    stage: 'data-loading',
    input: 'groot/raw/multimodal',
    output: 'groot/staging/loaded',
    description: () => 'Load raw multimodal shards from S3 and build a sample manifest',
    params: () => [
      ['source_format', 'webdataset'],
      ['modalities', 'image,text,video,audio'],
      ['num_workers', '32'],
    ],
    secondsPerBatch: 1.1,
    gpu: 0.64,
  },
  {
    stage: 'deduplication',
    input: 'groot/staging/loaded',
    output: 'groot/staging/deduplicated',
    description: (ex) => `Semantic near-duplicate removal over CLIP embeddings (cosine >= ${ex.threshold})`,
    params: (ex) => [
      ['method', 'semantic'],
      ['threshold', ex.threshold],
      ['embedding_model', 'clip-vit-l-14'],
    ],
    secondsPerBatch: 1.9,
    gpu: 0.83,
    // Column lineage: every column is copied; which rows survive depends on the embedding cluster.
    columnLineage: { direct: 'all', indirect: [['semantic_cluster', 'FILTER'], ['uri', 'FILTER']] },
  },
  {
    stage: 'filtering',
    input: 'groot/staging/deduplicated',
    output: 'groot/staging/filtered',
    description: () => 'Quality / safety filtering',
    params: () => [
      ['min_caption_chars', '8'],
      ['max_nsfw_score', '0.2'],
      ['min_resolution', '224'],
    ],
    secondsPerBatch: 0.9,
    gpu: 0.7,
    columnLineage: { direct: 'all', indirect: [['caption', 'FILTER'], ['nsfw_score', 'FILTER'], ['resolution', 'FILTER']] },
    // dbt-style tests on the stage's input, reported as dataQualityAssertions; nsfw_score fails when the scores have gaps.
    qualityChecks: (nanScores) => [
      { assertion: 'not_null', column: 'sample_id', success: true },
      { assertion: 'unique', column: 'sample_id', success: true },
      { assertion: 'accepted_values', column: 'modality', success: true },
      { assertion: 'not_null', column: 'nsfw_score', success: !nanScores },
    ],
  },
  {
    stage: 'tokenization',
    input: 'groot/staging/filtered',
    output: 'groot/curated/tokenized',
    description: () => 'Tokenize captions/transcripts into training shards',
    params: () => [
      ['tokenizer', 'groot-bpe-64k'],
      ['max_seq_len', '2048'],
      ['vocab_size', '64000'],
    ],
    secondsPerBatch: 1.6,
    gpu: 0.8,
  },
];

/** Params every run of the pipeline logs (MLflow) / reports (executionParameters). */
export function commonParams(ex) {
  return [
    ['num_gpus', '8'],
    ['batch_size', String(BATCH)],
    ['similarity_threshold', ex.threshold],
  ];
}

/**
 * The columnLineage facet of a stage's output: each output column from the input column of the same
 * name (DIRECT IDENTITY), new columns from nothing, and the columns that decide which rows survive
 * as the dataset-level list (INDIRECT FILTER).
 */
export function stageColumnLineage(stage, inputRef, outputFields) {
  const spec = STAGES.find((s) => s.stage === stage)?.columnLineage;
  if (!spec) return null;
  const inputFields = new Set(DATASETS[inputRef.name].map(([name]) => name));
  const field = (name, type, subtype) => ({ field: name, name: inputRef.name, namespace: inputRef.namespace, transformations: [{ description: '', masking: false, subtype, type }] });
  const fields = {};
  for (const [name] of outputFields) if (inputFields.has(name)) fields[name] = { inputFields: [field(name, 'DIRECT', 'IDENTITY')] };
  return { dataset: spec.indirect.map(([name, subtype]) => field(name, 'INDIRECT', subtype)), fields };
}
