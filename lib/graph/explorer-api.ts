import { z } from 'zod';

/**
 * The documented shapes of GET /api/lineage, /api/lineage/search, /api/lineage/node and /api/lineage/fields.
 * The server builds them; the browser parses them with these schemas before drawing anything.
 */

const runState = z.enum(['NEW', 'RUNNING', 'COMPLETED', 'FAILED', 'ABORTED']);
const unavailable = z.array(z.object({ source: z.string(), error: z.string() }));
const metricValue = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

/**
 * A big view sends thousands of nodes and edges, so they carry only what the graph draws (details come
 * from /api/lineage/node): no label (a node shows its name, a field its field name), no edge id (the
 * client builds it from `from` and `to`), and the kind-specific part only on nodes of that kind.
 */
export const explorerNodeSchema = z.object({
  /** An explorer-node-param id (`job:…`, `dataset:…`) or a field id (`field:…`). */
  id: z.string(),
  kind: z.enum(['job', 'dataset', 'field']),
  /** For a field: its dataset's namespace and name. */
  namespace: z.string(),
  name: z.string(),
  /** Edges from the focus; null for nodes only an expansion (or a column edge) brought in. */
  hop: z.number().nullable(),
  job: z.object({ latestRunState: runState.nullable(), type: z.string().nullable() }).nullish(),
  /**
   * currentVersion: the newest version's producer version; fieldCount: fields of the schema facet;
   * versionsOnDemand: the source lists versions only when asked (Marquez), so a missing version is
   * not known yet rather than not reported.
   */
  dataset: z.object({ currentVersion: z.string().nullable(), fieldCount: z.number().nullable(), hasColumnLineage: z.boolean(), versionsOnDemand: z.boolean() }).nullish(),
  field: z.object({ datasetId: z.string(), name: z.string() }).nullish(),
});
export type ExplorerNode = z.infer<typeof explorerNodeSchema>;

export const explorerEdgeSchema = z.object({
  from: z.string(),
  to: z.string(),
  /**
   * flow: data moves job↔dataset; column: an input field's value flows into an output field (DIRECT);
   * column-indirect: an input field only steers an output field, or (to a dataset) the whole output
   * (INDIRECT: JOIN, FILTER, GROUP_BY, SORT, WINDOW, CONDITIONAL); field-of: dataset → its field.
   */
  kind: z.enum(['flow', 'column', 'column-indirect', 'field-of']),
  /** Column edges: the transformation subtypes reported (IDENTITY, TRANSFORMATION, JOIN, …). */
  subtypes: z.array(z.string()).optional(),
});
export type ExplorerEdge = z.infer<typeof explorerEdgeSchema>;

export const explorerGraphSchema = z.object({
  focus: z.string(),
  nodes: z.array(explorerNodeSchema),
  edges: z.array(explorerEdgeSchema),
  /** Job and dataset nodes in the view before the cap, and how many are drawn. */
  total: z.number(),
  shown: z.number(),
  /** Why nodes are missing (the cap), for people; null when nothing was left out. */
  cut: z.string().nullable(),
  /** Column view: null unless columns=1. */
  columns: z.object({ fields: z.number(), hiddenEdges: z.number(), malformed: z.number(), cut: z.string().nullable() }).nullable(),
  /** Datasets in view that carry a columnLineage facet (the column toggle is useless without one). */
  columnLineageDatasets: z.number(),
  unavailableSources: unavailable,
});
export type ExplorerGraph = z.infer<typeof explorerGraphSchema>;

export const explorerSearchHitSchema = z.object({
  kind: z.enum(['job', 'dataset']),
  namespace: z.string(),
  name: z.string(),
  id: z.string(),
});
export type ExplorerSearchHit = z.infer<typeof explorerSearchHitSchema>;

export const explorerSearchSchema = z.object({ hits: z.array(explorerSearchHitSchema), unavailableSources: unavailable });
export type ExplorerSearchResult = z.infer<typeof explorerSearchSchema>;

export const jobRunSchema = z.object({
  /** Canonical run id (the /runs/<id> page); runId is the OpenLineage runId. */
  id: z.string(),
  runId: z.string(),
  href: z.string(),
  state: runState,
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  experiment: z
    .object({ source: z.string(), runId: z.string(), runName: z.string().nullable(), metrics: z.array(z.object({ key: z.string(), value: metricValue })) })
    .nullable(),
});
export type JobRun = z.infer<typeof jobRunSchema>;

export const schemaFieldSchema = z.object({ name: z.string(), type: z.string().nullable(), description: z.string().nullable() });
export type SchemaField = z.infer<typeof schemaFieldSchema>;

/** GET /api/lineage/fields: the first `limit` fields of a dataset's schema facet, for a node expanded in the graph. */
export const datasetFieldsSchema = z.object({
  id: z.string(),
  fields: z.array(schemaFieldSchema),
  /** Every field of the schema facet: more than fields.length when the list was cut. */
  total: z.number(),
});
export type DatasetFields = z.infer<typeof datasetFieldsSchema>;

export const nodeDetailSchema = z.object({
  id: z.string(),
  kind: z.enum(['job', 'dataset']),
  namespace: z.string(),
  name: z.string(),
  /** The job or dataset page. */
  href: z.string(),
  description: z.string().nullable(),
  job: z.object({ type: z.string().nullable(), latestRunState: runState.nullable(), runs: z.array(jobRunSchema), totalRuns: z.number() }).nullable(),
  dataset: z
    .object({
      currentVersion: z.string().nullable(),
      /** The first 200 schema fields; `totalFields` counts them all. */
      fields: z.array(schemaFieldSchema),
      totalFields: z.number(),
      versions: z.array(z.object({ version: z.string().nullable(), createdAt: z.string(), createdByRunId: z.string().nullable(), createdByHref: z.string().nullable() })),
      totalVersions: z.number(),
      /** Where the version strings come from, when they were not checked against the writers' own events. */
      versionsNote: z.string().nullable(),
    })
    .nullable(),
});
export type NodeDetail = z.infer<typeof nodeDetailSchema>;
