import 'server-only';
import { failureMessageOf } from '@/lib/model/run-failure';
import { producerLookup } from './producer-lookup';
import { auditReportContent, type AuditInput } from '@/lib/audit/report';
import { sealReport } from '@/lib/audit/report-hash';
import { redactDeep } from '@/lib/security/secrets';
import type { AuditDataset, AuditReport, AuditSource, AuditSubject } from '@/lib/audit/report-schema';
import { parseAuditTarget } from '@/lib/audit/report-subject';
import type { ModelVersion, UnifiedRun } from '@/lib/model';
import { getSources, type LineageSource } from '@/lib/sources';
import { auditChain, type AuditChain } from './audit-chain';
import { codeVersionRows } from '@/lib/model/code-version';
import { getHealth } from './health';
import { paramRows } from '@/lib/model/param-rows';
import { datasetRows, type DatasetRow } from './run-detail';
import { runStatus } from '@/lib/model/run-fields';
import { findRun, getRunIndex, loadRuns, type RunIndex } from './run-index';
import { resolveRun } from './run-lookup';
import { jobFacets } from './run-page-model';
import { searchedSources } from './searched';

export type AuditLookup = { report: AuditReport } | { notFound: string } | { badRequest: string };

/** What the report consults besides the index; tests pass their own. */
export interface AuditDeps {
  lineageSources: LineageSource[];
  sourceStates: () => Promise<AuditSource[]>;
  now: () => Date;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function findModelVersion(index: RunIndex, name: string, version: string): ModelVersion | null {
  for (const snapshot of index.experiment) {
    const found = snapshot.models.find((m) => m.name === name)?.versions.find((v) => v.version === version);
    if (found) return found;
  }
  return null;
}

function modelSubject(index: RunIndex, mv: ModelVersion): AuditSubject {
  return {
    kind: 'model-version', name: mv.name, version: mv.version,
    source: (mv.runId ? findRun(index, mv.runId)?.experiment?.source : null) ?? 'model registry',
    runId: mv.runId, artifactSource: mv.source, status: mv.status, stage: mv.stage, aliases: [...mv.aliases].sort(),
    createdAt: iso(mv.createdAt), tags: mv.tags,
  };
}

function producerOf(index: RunIndex, chain: AuditChain, runId: string | null): AuditDataset['producer'] {
  if (runId === null) return null;
  const found = findRun(index, runId);
  const job = found?.lineage?.job.name ?? chain.runs.find((r) => r.runId === runId)?.job.name ?? null;
  return { runId: found?.id ?? runId, job, experimentRunId: found?.experiment?.runId ?? null };
}

function datasetsOf(rows: DatasetRow[], producers: Array<string | null> | null, index: RunIndex, chain: AuditChain): AuditDataset[] {
  return rows.map((d, i) => ({
    namespace: d.namespace, name: d.name, version: d.version, digest: d.digest, rowCount: d.rowCount,
    producer: producers ? producerOf(index, chain, producers[i] ?? null) : null,
  }));
}

/** The subject's inputs with the producers the chain found when the run's own record did not name them. */
function withChainProducers(run: UnifiedRun, chain: AuditChain): UnifiedRun {
  const lineage = run.lineage;
  const self = chain.runs.find((r) => r.depth === 0);
  if (!lineage || !self) return run;
  const producer = producerLookup(self.inputs);
  return { ...run, lineage: { ...lineage, inputs: lineage.inputs.map((d) => ({ ...d, producedByRunId: d.producedByRunId ?? producer(d) })) } };
}

async function sourcesAtGeneration(): Promise<AuditSource[]> {
  const health = await getHealth();
  return health.sources.map((s) => ({ id: s.id, label: s.label, kind: s.kind, location: s.location, status: s.status, error: s.error }));
}

async function gather(index: RunIndex, subject: AuditSubject, resolved: NonNullable<Awaited<ReturnType<typeof resolveRun>>>, deps: AuditDeps): Promise<AuditInput> {
  const lineage = resolved.run.lineage;
  const chain: AuditChain = lineage
    ? await auditChain(index, lineage, deps.lineageSources)
    : { runs: [], truncated: false, basis: 'This run has no OpenLineage side, so no lineage source knows what produced its inputs.', rounds: 0 };
  await loadRuns(index, chain.runs.map((r) => r.runId));
  const run = withChainProducers(resolved.run, chain);
  const rows = datasetRows(index, run);
  const experimentRunId = run.experiment?.runId ?? null;
  const modelVersions = index.experiment.flatMap((s) => s.models.flatMap((m) => m.versions
    .filter((v) => experimentRunId !== null && v.runId === experimentRunId)
    .map((v) => ({ name: v.name, version: v.version, aliases: [...v.aliases].sort(), status: v.status, source: v.source }))));
  return {
    subject,
    run,
    status: runStatus(run),
    failure: failureMessageOf(run),
    codeVersion: codeVersionRows(run, jobFacets(index, run)),
    params: paramRows(run),
    inputs: datasetsOf(rows.inputs, lineage ? run.lineage!.inputs.map((d) => d.producedByRunId) : null, index, chain),
    outputs: datasetsOf(rows.outputs, null, index, chain),
    upstream: {
      runs: chain.runs.filter((r) => r.depth > 0).map((r) => {
        const linked = findRun(index, r.runId);
        return { ...r, experimentRunId: linked?.experiment?.runId ?? null, linkRule: linked?.link?.rule ?? null };
      }),
      truncated: chain.truncated,
      basis: chain.basis,
      versionBasis: resolved.versionError ?? resolved.versionBasis,
    },
    modelVersions,
    sources: await deps.sourceStates(),
  };
}

/**
 * The report sealed after redaction (lib/security/redact-json.ts over its whole content, configured secrets
 * too): the hash covers exactly what is served, JSON and Markdown alike, and no secret was ever in it.
 */
function sealedRedacted(input: AuditInput, generatedAt: Date): AuditReport {
  return sealReport(redactDeep(auditReportContent(input)), generatedAt);
}

const defaultDeps = (): AuditDeps => ({ lineageSources: getSources().lineage, sourceStates: sourcesAtGeneration, now: () => new Date() });

/** The audit report of any run id or `model:<name>/<version>` in `index`, or why there is none. */
export async function auditReportIn(index: RunIndex, id: string, deps: AuditDeps = defaultDeps()): Promise<AuditLookup> {
  const target = parseAuditTarget(id);
  if (target === null) return { badRequest: `"${id}" is not a model version id: expected model:<name>/<version>, e.g. model:groot-tokenizer/2.` };
  if (target.kind === 'model-version') {
    const mv = findModelVersion(index, target.name, target.version);
    if (!mv) return { notFound: `No model version "${target.name}" version ${target.version} in the model registries of ${searchedSources(index)}.` };
    if (!mv.runId) return { notFound: `Model version "${target.name}" version ${target.version} names no run that produced it, so there is nothing to audit.` };
    const resolved = await resolveRun(index, mv.runId);
    if (!resolved) return { notFound: `Model version "${target.name}" version ${target.version} was produced by run ${mv.runId}, which is not in ${searchedSources(index)}.` };
    return { report: sealedRedacted(await gather(index, modelSubject(index, mv), resolved, deps), deps.now()) };
  }
  const resolved = await resolveRun(index, target.id);
  if (!resolved) return { notFound: `No run with id "${target.id}" in ${searchedSources(index)}.` };
  return { report: sealedRedacted(await gather(index, { kind: 'run', id: resolved.run.id }, resolved, deps), deps.now()) };
}

/** The audit report of any run id or `model:<name>/<version>`, or why there is none. */
export async function auditReportFor(id: string): Promise<AuditLookup> {
  return auditReportIn(await getRunIndex(), id);
}
