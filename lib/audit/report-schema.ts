import { z } from 'zod';
import { LINK_RULES } from '@/lib/model/link';

/**
 * The audit report: what exactly happened in one run (or the run that produced a model version),
 * as one JSON document. Served by GET /api/audit/{id}?format=json and documented in README.md.
 * Every field is always present (null or [] when unknown), so two reports diff cleanly.
 */

export const AUDIT_REPORT_FORMAT = 'runlens.audit-report/1';

/** A metric value as JSON can carry it: NaN and ±Infinity as strings, like /api/runs. */
const metricValueSchema = z.union([z.number(), z.enum(['NaN', 'Infinity', '-Infinity'])]);

const jobSchema = z.object({ namespace: z.string(), name: z.string() });

export const auditSubjectSchema = z.discriminatedUnion('kind', [
  /** Whatever id was asked for, the report is of the run's canonical id (so the hash does not depend on it). */
  z.object({ kind: z.literal('run'), id: z.string() }),
  z.object({
    kind: z.literal('model-version'),
    name: z.string(),
    version: z.string(),
    source: z.string(),
    /** The experiment run that produced it (MLflow run id), or null when the registry does not say. */
    runId: z.string().nullable(),
    artifactSource: z.string().nullable(),
    status: z.string().nullable(),
    stage: z.string().nullable(),
    aliases: z.array(z.string()),
    createdAt: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
  }),
]);

const identitySchema = z.object({
  /** Runlens's canonical id: the OpenLineage runId when there is one, else the experiment run id. */
  id: z.string(),
  lineage: z.object({ source: z.string(), runId: z.string(), job: jobSchema }).nullable(),
  experiment: z.object({
    source: z.string(), runId: z.string(), experimentId: z.string(), experimentName: z.string().nullable(), runName: z.string().nullable(),
  }).nullable(),
  /** How the two ids are tied (README "Linking your runs"); null for an unmatched run. */
  link: z.object({ rule: z.enum(LINK_RULES), rules: z.array(z.enum(LINK_RULES)), evidence: z.string(), conflicts: z.array(z.string()) }).nullable(),
  /** Why a run is unmatched, dangling or conflicting evidence. */
  notes: z.array(z.string()),
  parentId: z.string().nullable(),
  childIds: z.array(z.string()),
});

const timingSchema = z.object({
  /** One status vocabulary: OpenLineage's, MLflow's mapped onto it. */
  status: z.string(),
  lineageState: z.string().nullable(),
  experimentStatus: z.string().nullable(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  /** The `nominalTime` run facet (the scheduled time), when reported. */
  nominalStartTime: z.string().nullable(),
  failure: z.string().nullable(),
});

const originSchema = z.object({
  /** MLflow run user (or `mlflow.user` tag). */
  user: z.string().nullable(),
  /** A host name from the run's facets (environmentVariables HOSTNAME, or a facet's `hostname`/`host`). */
  host: z.string().nullable(),
  /** Where each value came from, e.g. "user: MLflow run user_id". */
  evidence: z.array(z.string()),
});

const rowSchema = z.object({ label: z.string(), value: z.string(), source: z.string() });

// `secret`: a value was redacted (secret-looking name), so the sides were not compared and `disagrees` is false unknowingly.
const paramSchema = z.object({ key: z.string(), lineage: z.string().nullable(), experiment: z.string().nullable(), disagrees: z.boolean(), secret: z.boolean() });

const metricSchema = z.object({ key: z.string(), value: metricValueSchema, step: z.number(), timestamp: z.string().nullable() });

const producerSchema = z.object({
  /** Canonical id of the run that wrote the version read (its audit: /audit/<id>). */
  runId: z.string(),
  job: z.string().nullable(),
  experimentRunId: z.string().nullable(),
});

export const auditDatasetSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** The producer's version (OpenLineage `version` facet) as this run read or wrote it. */
  version: z.string().nullable(),
  /** The MLflow dataset digest of the same dataset, when the experiment side logged it. */
  digest: z.string().nullable(),
  rowCount: z.number().nullable(),
  /** Inputs only: the run that produced the version read; null for raw data or when unknown. */
  producer: producerSchema.nullable(),
});

const upstreamRunSchema = z.object({
  runId: z.string(),
  /** Edges from the subject run: 1 = produced one of its inputs. */
  depth: z.number(),
  job: jobSchema,
  state: z.string(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  inputs: z.array(z.object({ namespace: z.string(), name: z.string(), version: z.string().nullable(), producedByRunId: z.string().nullable() })),
  experimentRunId: z.string().nullable(),
  linkRule: z.enum(LINK_RULES).nullable(),
});

const modelVersionSchema = z.object({ name: z.string(), version: z.string(), aliases: z.array(z.string()), status: z.string().nullable(), source: z.string().nullable() });

export const checklistItemSchema = z.object({
  id: z.enum(['finished', 'succeeded', 'code-version', 'input-versions', 'outputs', 'linked', 'upstream-linked', 'upstream-complete', 'sources-reachable']),
  ok: z.boolean(),
  label: z.string(),
  /** What is missing (or what was checked), for an auditor. */
  detail: z.string(),
});

const sourceSchema = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(['lineage', 'experiment']),
  location: z.string().nullable(),
  /** Health when the report was generated. */
  status: z.enum(['ok', 'degraded', 'unavailable', 'not-configured']),
  error: z.string().nullable(),
});

export const auditHashSchema = z.object({
  algorithm: z.literal('sha256'),
  /** Lower-case hex SHA-256 of `canonicalJson(report without "hash" and "generatedAt")`. */
  value: z.string().regex(/^[0-9a-f]{64}$/),
  covers: z.string(),
});

export const auditReportSchema = z.object({
  format: z.literal(AUDIT_REPORT_FORMAT),
  subject: auditSubjectSchema,
  identity: identitySchema,
  timing: timingSchema,
  origin: originSchema,
  codeVersion: z.array(rowSchema),
  params: z.array(paramSchema),
  /** Run facets that describe where and how it ran (processing_engine, environmentVariables, …), as reported. */
  environment: z.record(z.string(), z.unknown()),
  metrics: z.array(metricSchema),
  inputs: z.array(auditDatasetSchema),
  outputs: z.array(auditDatasetSchema),
  upstream: z.object({
    /** The runs that produced the exact versions read, recursively (point in time, not the jobs' latest runs). */
    runs: z.array(upstreamRunSchema),
    truncated: z.boolean(),
    basis: z.string(),
    /** Where dataset versions of the subject run come from, when a source had to be asked. */
    versionBasis: z.string().nullable(),
  }),
  modelVersions: z.array(modelVersionSchema),
  completeness: z.array(checklistItemSchema),
  sources: z.array(sourceSchema),
  generatedAt: z.string(),
  hash: auditHashSchema,
});

export type AuditReport = z.infer<typeof auditReportSchema>;
export type AuditSubject = z.infer<typeof auditSubjectSchema>;
export type AuditDataset = z.infer<typeof auditDatasetSchema>;
export type AuditChecklistItem = z.infer<typeof checklistItemSchema>;
export type AuditUpstreamRun = z.infer<typeof upstreamRunSchema>;
export type AuditSource = z.infer<typeof sourceSchema>;
/** The report before it is stamped and hashed. */
export type AuditReportContent = Omit<AuditReport, 'generatedAt' | 'hash'>;
