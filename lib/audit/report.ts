import type { UnifiedRun } from '@/lib/model';
import { encodeMetricValue } from '@/lib/model/metric-value';
import { completenessChecklist } from './report-checklist';
import { sealReport } from './report-hash';
import { paramRowIsSecret } from './secret-param';
import { environmentOf, nominalStartOf, originOf } from './report-origin';
import { AUDIT_REPORT_FORMAT, type AuditDataset, type AuditReport, type AuditReportContent, type AuditSource, type AuditSubject } from './report-schema';

/** Everything the report is made of, gathered by lib/catalog/audit-report.ts; this module only assembles it. */
export interface AuditInput {
  subject: AuditSubject;
  run: UnifiedRun;
  /** One status vocabulary (lib/model/run-fields runStatus). */
  status: string;
  /** The failure message of a failed run, when it gave one. */
  failure: string | null;
  codeVersion: AuditReportContent['codeVersion'];
  params: Array<Omit<AuditReportContent['params'][number], 'secret'>>;
  inputs: AuditDataset[];
  outputs: AuditDataset[];
  upstream: AuditReportContent['upstream'];
  modelVersions: AuditReportContent['modelVersions'];
  /** Every configured source with its health while the report was generated. */
  sources: AuditSource[];
}

const iso = (ms: number | null | undefined): string | null => (ms == null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const datasetOrder = (a: AuditDataset, b: AuditDataset) => byText(a.namespace, b.namespace) || byText(a.name, b.name);

function identityOf(run: UnifiedRun): AuditReportContent['identity'] {
  const { lineage, experiment, link } = run;
  return {
    id: run.id,
    lineage: lineage && { source: lineage.source, runId: lineage.runId, job: { namespace: lineage.job.namespace, name: lineage.job.name } },
    experiment: experiment && {
      source: experiment.source, runId: experiment.runId, experimentId: experiment.experimentId,
      experimentName: experiment.experimentName, runName: experiment.runName,
    },
    link: link && { rule: link.rule, rules: link.rules, evidence: link.detail, conflicts: link.conflicts },
    notes: run.notes,
    parentId: run.parentId,
    childIds: [...run.childIds].sort(byText),
  };
}

function timingOf(input: AuditInput): AuditReportContent['timing'] {
  const { lineage, experiment } = input.run;
  const startedAt = lineage?.startedAt ?? iso(experiment?.startTime);
  const endedAt = lineage?.endedAt ?? iso(experiment?.endTime);
  const duration = startedAt && endedAt ? Date.parse(endedAt) - Date.parse(startedAt) : NaN;
  return {
    status: input.status,
    lineageState: lineage?.state ?? null,
    experimentStatus: experiment?.status ?? null,
    startedAt,
    endedAt,
    durationMs: Number.isFinite(duration) ? duration : null,
    nominalStartTime: nominalStartOf(input.run),
    failure: input.failure,
  };
}

function metricsOf(run: UnifiedRun): AuditReportContent['metrics'] {
  return Object.entries(run.experiment?.metrics ?? {})
    .sort(([a], [b]) => byText(a, b))
    .map(([key, p]) => ({ key, value: encodeMetricValue(p.value), step: p.step, timestamp: iso(p.timestamp) }));
}

/** The report's content from what the catalog gathered, in a fixed order, with its checklist. */
export function auditReportContent(input: AuditInput): AuditReportContent {
  const basis = {
    format: AUDIT_REPORT_FORMAT,
    subject: input.subject,
    identity: identityOf(input.run),
    timing: timingOf(input),
    origin: originOf(input.run),
    codeVersion: input.codeVersion,
    params: input.params.map((p) => ({ ...p, secret: paramRowIsSecret(p) })),
    environment: environmentOf(input.run),
    metrics: metricsOf(input.run),
    inputs: [...input.inputs].sort(datasetOrder),
    outputs: [...input.outputs].sort(datasetOrder),
    upstream: { ...input.upstream, runs: [...input.upstream.runs].sort((a, b) => a.depth - b.depth || byText(a.runId, b.runId)) },
    modelVersions: [...input.modelVersions].sort((a, b) => byText(a.name, b.name) || byText(a.version, b.version)),
    sources: [...input.sources].sort((a, b) => byText(a.id, b.id)),
  } satisfies Omit<AuditReportContent, 'completeness'>;
  return { ...basis, completeness: completenessChecklist(basis) };
}

/** The sealed report: content, generation time and the SHA-256 of the content. */
export function buildAuditReport(input: AuditInput, generatedAt: Date): AuditReport {
  return sealReport(auditReportContent(input), generatedAt);
}
