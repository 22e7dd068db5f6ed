import { datasetUri } from '@/lib/model';
import type { AuditChecklistItem, AuditReportContent } from './report-schema';

/** What the checklist reads: the report's content before the checklist itself. */
export type ChecklistBasis = Omit<AuditReportContent, 'completeness'>;

const FINISHED = new Set(['COMPLETED', 'FAILED', 'ABORTED']);

function list(items: string[], max = 5): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

const item = (id: AuditChecklistItem['id'], ok: boolean, label: string, detail: string): AuditChecklistItem => ({ id, ok, label, detail });

/**
 * What an auditor needs and whether the report has it. Every item is always listed (ok or not), so
 * a missing one cannot go unnoticed; `detail` names what is missing.
 */
export function completenessChecklist(report: ChecklistBasis): AuditChecklistItem[] {
  const { timing, identity, inputs, outputs, upstream, sources, codeVersion } = report;
  const commit = codeVersion.find((r) => r.label === 'Git commit');
  const unversioned = inputs.filter((d) => d.version === null && d.digest === null).map((d) => datasetUri(d));
  const upstreamUnlinked = upstream.runs.filter((r) => r.depth > 0 && r.experimentRunId === null).map((r) => `${r.job.name} (${r.runId})`);
  const upstreamUnversioned = upstream.runs.filter((r) => r.depth > 0).flatMap((r) => r.inputs.filter((d) => d.version === null).map((d) => `${datasetUri(d)} read by ${r.job.name}`));
  const unreachable = sources.filter((s) => s.status !== 'ok' && s.status !== 'not-configured');
  const side = identity.lineage ? 'an OpenLineage run' : 'an MLflow run';
  return [
    item('finished', FINISHED.has(timing.status), 'Run has finished',
      FINISHED.has(timing.status) ? `ended ${timing.status} at ${timing.endedAt ?? 'an unrecorded time'}` : `the run is still ${timing.status}: what it read and wrote may change`),
    item('succeeded', timing.status === 'COMPLETED', 'Run completed successfully',
      timing.status === 'COMPLETED' ? 'COMPLETED' : `${timing.status}${timing.failure ? `: ${timing.failure}` : ''}`),
    item('code-version', commit !== undefined, 'Code version (Git commit) recorded',
      commit ? `${commit.value} (${commit.source})` : 'no mlflow.source.git.commit tag and no sourceCodeLocation job facet with a version'),
    item('input-versions', unversioned.length === 0, 'Every input has a version',
      inputs.length === 0 ? 'the run recorded no inputs' : unversioned.length === 0 ? `${inputs.length} input(s), each with a producer version or digest` : `no version or digest for ${list(unversioned)}`),
    item('outputs', outputs.length > 0, 'Outputs recorded',
      outputs.length > 0 ? `${outputs.length} output(s)` : 'the run recorded no output dataset'),
    item('linked', identity.link !== null, 'Lineage and experiment run linked',
      identity.link ? `rule ${identity.link.rule}: ${identity.link.evidence}` : `only ${side}: ${identity.notes[0] ?? 'no rule links it to a run on the other side'}`),
    item('upstream-linked', upstreamUnlinked.length === 0, 'Every upstream stage linked to its experiment run',
      upstreamUnlinked.length === 0 ? `${upstream.runs.filter((r) => r.depth > 0).length} upstream run(s), all linked` : `not linked: ${list(upstreamUnlinked)}`),
    item('upstream-complete', !upstream.truncated && upstreamUnversioned.length === 0, 'Upstream chain complete, with versions',
      upstream.truncated ? `the walk stopped before the end: ${upstream.basis}`
        : upstreamUnversioned.length > 0 ? `no version for ${list(upstreamUnversioned)}` : upstream.basis),
    item('sources-reachable', unreachable.length === 0, 'Every source answered while generating',
      unreachable.length === 0 ? `${sources.length} source(s) consulted` : unreachable.map((s) => `${s.id} ${s.status}${s.error ? `: ${s.error}` : ''}`).join('; ')),
  ];
}
