import 'server-only';
import { z } from 'zod';
import { datasetSchema } from './dataset';
import { jobSchema } from './job';

export const edgeSchema = z.looseObject({ origin: z.string(), destination: z.string() });
export type WireEdge = z.infer<typeof edgeSchema>;

const edgesSchema = z.array(edgeSchema).nullish();

/**
 * One node of `/lineage`: its id is Marquez's node id, its data the dataset or job. The data is
 * read per node type (below), so a node kind Runlens does not draw cannot cost the whole graph.
 */
export const lineageNodeSchema = z.looseObject({ id: z.string(), type: z.string(), data: z.unknown(), inEdges: edgesSchema, outEdges: edgesSchema });
export type WireLineageNode = z.infer<typeof lineageNodeSchema>;

export const lineageDatasetNodeSchema = lineageNodeSchema.extend({ type: z.literal('DATASET'), data: datasetSchema });
export const lineageJobNodeSchema = lineageNodeSchema.extend({ type: z.literal('JOB'), data: jobSchema });

export const lineageGraphSchema = z.looseObject({ graph: z.array(lineageNodeSchema) });
export type WireLineageGraph = z.infer<typeof lineageGraphSchema>;

export const columnInputFieldSchema = z.looseObject({
  namespace: z.string(),
  dataset: z.string(),
  field: z.string(),
  transformationDescription: z.string().nullish(),
  transformationType: z.string().nullish(),
});

export const columnLineageNodeSchema = z.looseObject({
  id: z.string(),
  type: z.string(),
  data: z.looseObject({
    namespace: z.string(),
    dataset: z.string(),
    datasetVersion: z.string().nullish(),
    field: z.string(),
    fieldType: z.string().nullish(),
    transformationDescription: z.string().nullish(),
    transformationType: z.string().nullish(),
    inputFields: z.array(columnInputFieldSchema).nullish(),
  }).nullish(),
  inEdges: edgesSchema,
  outEdges: edgesSchema,
});
export type WireColumnLineageNode = z.infer<typeof columnLineageNodeSchema>;

export const columnLineageGraphSchema = z.looseObject({ graph: z.array(columnLineageNodeSchema) });
export type WireColumnLineageGraph = z.infer<typeof columnLineageGraphSchema>;
