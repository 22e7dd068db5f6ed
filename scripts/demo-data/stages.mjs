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
