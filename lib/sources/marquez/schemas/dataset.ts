import 'server-only';
import { z } from 'zod';
import { datasetIdSchema, facetsSchema, instantSchema } from './common';
import { datasetVersionIdSchema, runSchema } from './run';

export const fieldSchema = z.looseObject({
  name: z.string(),
  type: z.string().nullish(),
  tags: z.array(z.unknown()).nullish(),
  description: z.string().nullish(),
});
export type WireField = z.infer<typeof fieldSchema>;

export const datasetSchema = z.looseObject({
  id: datasetIdSchema.nullish(),
  type: z.string().nullish(),
  name: z.string(),
  physicalName: z.string().nullish(),
  namespace: z.string().nullish(),
  sourceName: z.string().nullish(),
  createdAt: instantSchema.nullish(),
  updatedAt: instantSchema.nullish(),
  lastModifiedAt: instantSchema.nullish(),
  lastLifecycleState: z.string().nullish(),
  fields: z.array(fieldSchema).nullish(),
  tags: z.array(z.unknown()).nullish(),
  description: z.string().nullish(),
  facets: facetsSchema.nullish(),
  /** Marquez's version UUID (a row id, Marquez #1883): never the producer's version. */
  currentVersion: z.string().nullish(),
  deleted: z.boolean().nullish(),
});
export type WireDataset = z.infer<typeof datasetSchema>;

export const datasetListSchema = z.looseObject({
  datasets: z.array(datasetSchema),
  totalCount: z.number().nullish(),
});
export type WireDatasetList = z.infer<typeof datasetListSchema>;

export const datasetVersionSchema = z.looseObject({
  id: datasetVersionIdSchema.nullish(),
  type: z.string().nullish(),
  name: z.string(),
  physicalName: z.string().nullish(),
  createdAt: instantSchema.nullish(),
  /** Marquez's version UUID. The producer's version, if any, is in `facets.version.datasetVersion`. */
  version: z.string().nullish(),
  namespace: z.string().nullish(),
  sourceName: z.string().nullish(),
  fields: z.array(fieldSchema).nullish(),
  tags: z.array(z.unknown()).nullish(),
  description: z.string().nullish(),
  lifecycleState: z.string().nullish(),
  createdByRun: runSchema.nullish(),
  facets: facetsSchema.nullish(),
});
export type WireDatasetVersion = z.infer<typeof datasetVersionSchema>;

export const datasetVersionListSchema = z.looseObject({
  versions: z.array(datasetVersionSchema),
  totalCount: z.number().nullish(),
});
export type WireDatasetVersionList = z.infer<typeof datasetVersionListSchema>;
