import 'server-only';
import { z } from 'zod';

/*
 * W&B GraphQL answers, non-strict (the server adds fields); everything it may omit or null is nullish.
 * config, summaryMetrics and artifact metadata are JSON strings, parsed by the mappers.
 */

export const wirePageInfoSchema = z.looseObject({
  endCursor: z.string().nullish(),
  hasNextPage: z.boolean().nullish(),
});

export const wireArtifactSchema = z.looseObject({
  id: z.string().nullish(),
  digest: z.string().nullish(),
  versionIndex: z.number().nullish(),
  state: z.string().nullish(),
  metadata: z.string().nullish(),
  artifactType: z.looseObject({ name: z.string().nullish() }).nullish(),
  artifactSequence: z.looseObject({
    name: z.string().nullish(),
    project: z.looseObject({ entityName: z.string().nullish(), name: z.string().nullish() }).nullish(),
  }).nullish(),
  aliases: z.array(z.looseObject({ alias: z.string().nullish() })).nullish(),
});

export const wireArtifactConnectionSchema = z.looseObject({
  edges: z.array(z.looseObject({ node: wireArtifactSchema.nullish(), cursor: z.string().nullish() })).nullish(),
  pageInfo: wirePageInfoSchema.nullish(),
});

/** W&B's index of a run's history: its last step and, per key, how many values of each type were logged. */
const historyKeysSchema = z.looseObject({
  lastStep: z.number().nullish(),
  keys: z.record(z.string(), z.unknown()).nullish(),
});
export type WireHistoryKeys = z.infer<typeof historyKeysSchema>;

export const wireRunSchema = z.looseObject({
  id: z.string().nullish(),
  /** The 8-character run id (W&B calls it `name`; the display name is displayName). */
  name: z.string(),
  displayName: z.string().nullish(),
  state: z.string().nullish(),
  config: z.string().nullish(),
  summaryMetrics: z.string().nullish(),
  tags: z.array(z.string()).nullish(),
  group: z.string().nullish(),
  jobType: z.string().nullish(),
  commit: z.string().nullish(),
  /** ISO 8601 in UTC without a zone designator: 2026-11-20T02:00:00 */
  createdAt: z.string().nullish(),
  /** Moves whenever the run changes (state, summary, heartbeat): the change feed follows it. */
  updatedAt: z.string().nullish(),
  heartbeatAt: z.string().nullish(),
  user: z.looseObject({ username: z.string().nullish() }).nullish(),
  /** Which keys the history holds and its last step: `{lastStep, keys: {loss: {typeCounts: …}}}`. */
  historyKeys: historyKeysSchema.nullish(),
  outputArtifacts: wireArtifactConnectionSchema.nullish(),
  inputArtifacts: wireArtifactConnectionSchema.nullish(),
});

export const wireRunConnectionSchema = z.looseObject({
  edges: z.array(z.looseObject({ node: wireRunSchema.nullish(), cursor: z.string().nullish() })).nullish(),
  pageInfo: wirePageInfoSchema.nullish(),
});

export const wireGraphqlErrorSchema = z.looseObject({
  message: z.string().nullish(),
  path: z.array(z.union([z.string(), z.number()])).nullish(),
});

/** The GraphQL response envelope: data, errors, or both. */
export function graphqlResponseSchema<T extends z.ZodType>(data: T) {
  return z.looseObject({ data: data.nullish(), errors: z.array(wireGraphqlErrorSchema).nullish() });
}

/** `project` is null when the entity has no such project (or the key may not read it). */
export const projectRunsDataSchema = z.looseObject({
  project: z.looseObject({ runs: wireRunConnectionSchema.nullish() }).nullish(),
});

export const runDataSchema = z.looseObject({
  project: z.looseObject({ run: wireRunSchema.nullish() }).nullish(),
});

export const runArtifactsDataSchema = z.looseObject({
  project: z.looseObject({
    run: z.looseObject({ outputArtifacts: wireArtifactConnectionSchema.nullish(), inputArtifacts: wireArtifactConnectionSchema.nullish() }).nullish(),
  }).nullish(),
});

/** One list of history rows per spec; a row is `{_step, _timestamp, <key>: value}`. */
export const sampledHistoryDataSchema = z.looseObject({
  project: z.looseObject({
    run: z.looseObject({ historyKeys: historyKeysSchema.nullish(), sampledHistory: z.array(z.array(z.record(z.string(), z.unknown())).nullish()).nullish() }).nullish(),
  }).nullish(),
});

export type WireArtifact = z.infer<typeof wireArtifactSchema>;
export type WireArtifactConnection = z.infer<typeof wireArtifactConnectionSchema>;
export type WireRun = z.infer<typeof wireRunSchema>;
export type WireRunConnection = z.infer<typeof wireRunConnectionSchema>;
export type WireHistoryRow = Record<string, unknown>;
