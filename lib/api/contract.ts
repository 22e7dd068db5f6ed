import { z } from 'zod';

/** The public JSON API (README "JSON API"): notification bots and audit scripts depend on these shapes. */

export const apiMetricValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);
export type ApiMetricValue = z.infer<typeof apiMetricValueSchema>;

export const apiDatasetVersionSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** The producer's version (OpenLineage `version` facet), or null. */
  version: z.string().nullable(),
});

export const apiLineageSchema = z.object({
  source: z.string(),
  runId: z.string(),
  job: z.object({ namespace: z.string(), name: z.string() }),
  state: z.enum(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED']),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  parentRunId: z.string().nullable(),
  /** At most API_LIST_LIMIT from `inputsOffset` (query `inputs=<offset>` on GET /api/runs/{id}); `inputsTotal` counts them all. */
  inputs: z.array(apiDatasetVersionSchema),
  inputsOffset: z.number().int(),
  inputsTotal: z.number().int(),
  outputs: z.array(apiDatasetVersionSchema),
  outputsOffset: z.number().int(),
  outputsTotal: z.number().int(),
  /** Run facets as the producer wrote them, but for those in `facetsCut` (over 64 KB, or past 1 MB in all). */
  facets: z.record(z.string(), z.unknown()).optional(),
  /** Facets left out of `facets`: name, size and `href`, the URL of the raw value (at most 1,000 named). */
  facetsCut: z.array(z.object({ name: z.string(), bytes: z.number().int(), href: z.string() })).optional(),
  facetsTotal: z.number().int().optional(),
});

export const apiExperimentSchema = z.object({
  source: z.string(),
  runId: z.string(),
  experimentId: z.string(),
  experimentName: z.string().nullable(),
  status: z.enum(['RUNNING', 'SCHEDULED', 'FINISHED', 'FAILED', 'KILLED']),
  /** ISO 8601 (MLflow stores epoch milliseconds). */
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  /** params, metrics, tags and datasets: at most 1,000 each from their offset (100 in run lists); `…Total` counts them all. */
  params: z.record(z.string(), z.string()),
  paramsOffset: z.number().int(),
  paramsTotal: z.number().int(),
  metrics: z.record(z.string(), apiMetricValueSchema),
  metricsOffset: z.number().int(),
  metricsTotal: z.number().int(),
  tags: z.record(z.string(), z.string()),
  tagsOffset: z.number().int(),
  tagsTotal: z.number().int(),
  datasetsOffset: z.number().int(),
  datasetsTotal: z.number().int(),
  /** namespace is null when the MLflow dataset has no source URI; digest is null when no version was recorded. */
  datasets: z.array(z.object({
    namespace: z.string().nullable(),
    name: z.string(),
    digest: z.string().nullable(),
    context: z.string().nullable(),
    recordedWith: z.enum(['log_input', 'data.* tags', 'wandb artifact']),
  })),
});

export const apiLinkSchema = z.object({
  rule: z.string(),
  rules: z.array(z.string()),
  detail: z.string(),
  conflicts: z.array(z.string()),
});

export const apiRunSchema = z.object({
  /** Canonical id of the unified run: the OpenLineage runId when there is one, else the MLflow run_id. */
  id: z.string(),
  parentId: z.string().nullable(),
  /** At most 1,000 from `childIdsOffset` (query `children=<offset>`). */
  childIds: z.array(z.string()),
  childIdsOffset: z.number().int(),
  childIdsTotal: z.number().int(),
  lineage: apiLineageSchema.nullable(),
  experiment: apiExperimentSchema.nullable(),
  link: apiLinkSchema.nullable(),
  notes: z.array(z.string()),
});
export type ApiRun = z.infer<typeof apiRunSchema>;

export const apiRunListSchema = z.object({
  runs: z.array(apiRunSchema),
  nextCursor: z.string().nullable(),
  /** Runs matching the filters, on all pages (with `group=stages`: top-level runs only). */
  total: z.number().int(),
  /** Sources that failed while answering: the list may be incomplete. */
  unavailableSources: z.array(z.object({ source: z.string(), error: z.string() })),
  /**
   * Only with `group=stages` (and no filter): `runs` are the top-level runs (no indexed parent), and these are
   * the first stages of each listed run that has any, sorted as the list is; `total` counts all its stages.
   */
  stages: z.array(z.object({ parentId: z.string(), runs: z.array(apiRunSchema), total: z.number().int() })).optional(),
  /** Only with `group=stages`: the stages in the whole index. */
  stagesTotal: z.number().int().optional(),
});
export type ApiRunList = z.infer<typeof apiRunListSchema>;

export const apiErrorSchema = z.object({ error: z.string() });

// ── Models (GET /api/models, GET /api/models/{name}) ──────────────────────────────────────────────

const unavailableSourcesSchema = z.array(z.object({ source: z.string(), error: z.string() }));

export const apiModelSummarySchema = z.object({
  name: z.string(),
  href: z.string(),
  description: z.string().nullable(),
  latestVersion: z.string().nullable(),
  /** alias → version. */
  aliases: z.record(z.string(), z.string()),
  versionCount: z.number().int(),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
});

/** At most 200 models from `offset` (?offset=); `total` counts them all. */
export const apiModelListSchema = z.object({ models: z.array(apiModelSummarySchema), offset: z.number().int(), total: z.number().int(), unavailableSources: unavailableSourcesSchema });
export type ApiModelList = z.infer<typeof apiModelListSchema>;

/** The run that trained a version: its own run_id, or (MLflow 3) the source run of its logged model. */
const apiTraceRunSchema = z.object({
  id: z.string(),
  href: z.string(),
  label: z.string(),
  status: z.string(),
  experimentRunId: z.string().nullable(),
  via: z.enum(['run_id', 'logged-model']),
  link: z.object({ rule: z.string(), detail: z.string() }).nullable(),
});

export const apiModelVersionSchema = z.object({
  version: z.string(),
  href: z.string(),
  aliases: z.array(z.string()),
  /** Deprecated MLflow stage; null for "None". */
  stage: z.string().nullable(),
  status: z.string().nullable(),
  createdAt: z.string().nullable(),
  source: z.string().nullable(),
  description: z.string().nullable(),
  tags: z.record(z.string(), z.string()),
  modelId: z.string().nullable(),
  run: apiTraceRunSchema.nullable(),
  runNote: z.string().nullable(),
});

const apiRunRefSchema = z.object({ id: z.string(), label: z.string(), status: z.string() });
const apiLinkedRefSchema = z.object({ label: z.string(), href: z.string() });

export const apiVersionTraceSchema = z.object({
  version: z.string(),
  loggedModel: z.object({
    modelId: z.string(), name: z.string().nullable(), experimentId: z.string().nullable(), runId: z.string().nullable(),
    status: z.string().nullable(), artifactUri: z.string().nullable(), createdAt: z.string().nullable(),
  }).nullable(),
  run: apiTraceRunSchema.nullable(),
  runNote: z.string().nullable(),
  /** The training run's inputs: exact versions, and in `related` the run that wrote each; 200 from `inputsOffset` (?inputs=). */
  inputs: z.array(z.object({
    namespace: z.string(), name: z.string(), version: z.string().nullable(), digest: z.string().nullable(),
    rowCount: z.number().nullable(), size: z.number().nullable(), related: z.array(apiRunRefSchema), href: z.string().nullable(),
  })),
  inputsOffset: z.number().int(),
  inputsTotal: z.number().int(),
  /** Run-level lineage upstream of the training run (depth 0 = the run itself). */
  upstream: z.object({
    runs: z.array(z.object({
      runId: z.string(), href: z.string(), depth: z.number().int(), job: apiLinkedRefSchema, state: z.string(), startedAt: z.string().nullable(),
      /** The first 20 datasets it read; `inputsTotal` counts them all (its run page lists them). */
      inputs: z.array(z.object({ label: z.string(), version: z.string().nullable(), href: z.string(), producer: apiLinkedRefSchema.nullable() })),
      inputsTotal: z.number().int(),
      experiment: z.object({ label: z.string(), rule: z.string() }).nullable(),
      linkNote: z.string().nullable(),
    })),
    /** The first 200 runs of the walk are listed; `runsTotal` counts them all. */
    runsTotal: z.number().int(),
    truncated: z.boolean(),
    depth: z.number().int(),
    basis: z.string(),
  }).nullable(),
  versionBasis: z.string().nullable(),
  versionError: z.string().nullable(),
  /** Never set in a 200: a shed look-up of the training run is answered 429 with Retry-After. */
  lookupShed: z.object({ message: z.string(), retryAfterSeconds: z.number().int() }).nullable(),
});

export const apiModelSchema = apiModelSummarySchema.extend({
  tags: z.record(z.string(), z.string()),
  /** Newest first; 200 from `versionsOffset` (?versions=), `versionCount` counts them all. */
  versions: z.array(apiModelVersionSchema),
  versionsOffset: z.number().int(),
  selectedVersion: z.string().nullable(),
  selected: apiModelVersionSchema.nullable(),
  unknownVersion: z.string().nullable(),
  trace: apiVersionTraceSchema.nullable(),
  unavailableSources: unavailableSourcesSchema,
});
export type ApiModel = z.infer<typeof apiModelSchema>;

/** GET /api/compare?runs=a,b[,…]: two to six runs side by side; every per-run array follows `runs`' order. */
const apiDiffStatusSchema = z.enum(['same', 'changed', 'only-in']);
const apiCompareRunRefSchema = z.object({ id: z.string(), label: z.string(), status: z.string() });
const apiParamDiffSchema = z.object({
  key: z.string(),
  values: z.array(z.string().nullable()),
  /** `secret`: the values are redacted (secret-looking name) and were not compared: they may or may not differ. */
  status: z.enum(['same', 'changed', 'only-in', 'secret']),
  /** Positions of runs whose OpenLineage and MLflow sides disagree on the key (the MLflow value is given). */
  sidesDisagree: z.array(z.number().int()),
});
const apiDatasetDiffSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** null: the run did not read (or write) the dataset. */
  uses: z.array(z.object({ version: z.string().nullable(), producedByRunId: z.string().nullable() }).nullable()),
  status: z.enum(['same', 'changed-version', 'only-in', 'unversioned']),
});
const apiCodeDiffSchema = z.object({ label: z.string(), source: z.string(), values: z.array(z.string().nullable()), status: apiDiffStatusSchema });

type ApiInputChange = {
  namespace: string; name: string; status: 'changed-version' | 'only-in' | 'unversioned';
  versions: [string | null, string | null]; read: [boolean, boolean];
  producers: [ApiCompareRunRef | null, ApiCompareRunRef | null]; newer: 'a' | 'b' | null; newerBy: 'writers' | 'first-read' | null;
  producerDiff: ApiRunPairDiff | null;
  end: 'raw-input' | 'producer-not-loaded' | 'same-producer' | 'only-in' | 'unversioned' | 'limit' | 'already-explained' | null;
};
type ApiCompareRunRef = z.infer<typeof apiCompareRunRefSchema>;
type ApiRunPairDiff = {
  runs: [ApiCompareRunRef, ApiCompareRunRef]; depth: number;
  params: Array<z.infer<typeof apiParamDiffSchema>>; code: Array<z.infer<typeof apiCodeDiffSchema>>; inputs: ApiInputChange[];
  totals?: z.infer<typeof apiNestedTotalsSchema>;
};
/** Full lengths of nested lists cut to their first 50 (absent when none was cut). */
const apiNestedTotalsSchema = z.object({
  causes: z.number().int().optional(), params: z.number().int().optional(), code: z.number().int().optional(),
  inputs: z.number().int().optional(), outputs: z.number().int().optional(),
});
/** A list window: `shown` items from `offset` of `total` (at most `limit`). */
export const apiListWindowSchema = z.object({ offset: z.number().int(), shown: z.number().int(), total: z.number().int(), limit: z.number().int() });

/** Two runs and their differences; each changed input names the runs that wrote each version and compares those in turn. */
export const apiRunPairDiffSchema: z.ZodType<ApiRunPairDiff> = z.lazy(() => z.object({
  runs: z.tuple([apiCompareRunRefSchema, apiCompareRunRefSchema]),
  depth: z.number().int(),
  params: z.array(apiParamDiffSchema),
  code: z.array(apiCodeDiffSchema),
  inputs: z.array(z.object({
    namespace: z.string(),
    name: z.string(),
    status: z.enum(['changed-version', 'only-in', 'unversioned']),
    versions: z.tuple([z.string().nullable(), z.string().nullable()]),
    read: z.tuple([z.boolean(), z.boolean()]),
    producers: z.tuple([apiCompareRunRefSchema.nullable(), apiCompareRunRefSchema.nullable()]),
    /** Which run read the newer version, told by the writers' start times or, for raw inputs, when loaded runs first read each. */
    newer: z.enum(['a', 'b']).nullable(),
    newerBy: z.enum(['writers', 'first-read']).nullable(),
    producerDiff: apiRunPairDiffSchema.nullable(),
    /** Why the walk stopped at this input (null: it went on to producerDiff). */
    end: z.enum(['raw-input', 'producer-not-loaded', 'same-producer', 'only-in', 'unversioned', 'limit', 'already-explained']).nullable(),
  })),
  totals: apiNestedTotalsSchema.optional(),
}));

export const apiComparisonSchema = z.object({
  runs: z.array(apiCompareRunRefSchema.extend({
    job: z.object({ namespace: z.string(), name: z.string() }).nullable(),
    experiment: z.object({ runId: z.string(), runName: z.string().nullable(), experimentName: z.string().nullable() }).nullable(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    stageCount: z.number().int(),
  })),
  /** Ids no configured source knows; the other runs are still compared. */
  missing: z.array(z.string()),
  /** For people: e.g. two ids naming the same run, a source that could not give exact versions. */
  notes: z.array(z.string()),
  params: z.array(apiParamDiffSchema),
  /** Latest values; deltas are against the first run (null for it, for a missing or a non-finite value). */
  metrics: z.array(z.object({
    key: z.string(),
    values: z.array(apiMetricValueSchema.nullable()),
    steps: z.array(z.number().nullable()),
    deltas: z.array(z.number().nullable()),
    status: apiDiffStatusSchema,
    hasHistory: z.boolean(),
  })),
  code: z.array(apiCodeDiffSchema),
  links: z.object({
    links: z.array(z.object({ rule: z.string().nullable(), rules: z.array(z.string()), detail: z.string() })),
    status: apiDiffStatusSchema,
  }),
  inputs: z.array(apiDatasetDiffSchema),
  outputs: z.array(apiDatasetDiffSchema),
  /** Each run after the first against the first. */
  pairs: z.array(z.object({
    baseline: apiCompareRunRefSchema,
    other: apiCompareRunRefSchema,
    headline: z.string().nullable(),
    causes: z.array(z.string()),
    upstream: z.object({ root: apiRunPairDiffSchema, truncated: z.boolean() }),
    stages: z.array(z.object({
      stage: z.string(),
      runs: z.tuple([apiCompareRunRefSchema.nullable(), apiCompareRunRefSchema.nullable()]),
      status: apiDiffStatusSchema,
      params: z.array(apiParamDiffSchema),
      inputs: z.array(apiDatasetDiffSchema),
      outputs: z.array(apiDatasetDiffSchema),
      totals: apiNestedTotalsSchema.optional(),
    })),
    totals: apiNestedTotalsSchema.optional(),
  })),
  /** The windows of params, metrics, inputs, outputs and each pair's stages (?params=<offset> … ?stages=<offset>). */
  windows: z.object({
    params: apiListWindowSchema, metrics: apiListWindowSchema, inputs: apiListWindowSchema, outputs: apiListWindowSchema,
    stages: z.array(apiListWindowSchema), paramsDiffering: z.number().int(), paramsSecret: z.number().int(), paramsAll: z.number().int(),
  }),
});
export type ApiComparison = z.infer<typeof apiComparisonSchema>;
