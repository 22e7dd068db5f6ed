import { datasetUri } from '@/lib/model';
import { mdCode, mdText } from './markdown-escape';
import { disagreeCell } from './secret-param';
import type { AuditDataset, AuditReport } from './report-schema';

/** Markdown table cell: plain text (pipes, newlines and all syntax escaped), or a dash when empty. */
function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return mdText(value);
}

function table(head: string[], rows: Array<Array<string | number | boolean | null | undefined>>): string[] {
  if (rows.length === 0) return ['_None._', ''];
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`), ''];
}

function datasets(rows: AuditDataset[], withProducer: boolean): string[] {
  const head = ['dataset', 'version', 'digest', 'rows', ...(withProducer ? ['produced by'] : [])];
  return table(head, rows.map((d) => [
    datasetUri(d), d.version, d.digest, d.rowCount,
    ...(withProducer ? [d.producer ? `${d.producer.job ?? 'run'} ${d.producer.runId}${d.producer.experimentRunId ? ` (MLflow ${d.producer.experimentRunId})` : ''}` : 'raw / unknown'] : []),
  ]));
}

function title(report: AuditReport): string {
  const s = report.subject;
  if (s.kind === 'model-version') return `Audit report: model ${s.name} version ${s.version}`;
  return `Audit report: run ${report.identity.lineage?.job.name ?? report.identity.experiment?.runName ?? report.identity.id}`;
}

/** What the hash says about this Markdown rendering. */
export const MARKDOWN_HASH_NOTE = 'This Markdown renders the hashed content for people; it is not itself hashed. Verify the JSON report (format=json) against the hash; every value here is escaped text from that JSON.';

/** The report as a Markdown document: the same content as the JSON, for people and tickets. */
export function auditReportMarkdown(report: AuditReport): string {
  const { identity: id, timing: t, origin, subject } = report;
  const lines: string[] = [`# ${mdText(title(report))}`, ''];
  lines.push(`Generated ${mdText(report.generatedAt)} by Runlens · ${mdText(report.format)} · SHA-256 ${mdCode(report.hash.value)}`, '', `> ${mdText(report.hash.covers)}`, '');
  lines.push(`> ${mdText(MARKDOWN_HASH_NOTE)}`, '');

  if (subject.kind === 'model-version') {
    lines.push('## Model version', '');
    lines.push(...table(['field', 'value'], [
      ['name', subject.name], ['version', subject.version], ['registry', subject.source], ['produced by MLflow run', subject.runId],
      ['artifact source', subject.artifactSource], ['status', subject.status], ['stage', subject.stage], ['aliases', subject.aliases.join(', ')], ['created', subject.createdAt],
    ]));
  }

  lines.push('## Completeness', '');
  for (const c of report.completeness) lines.push(`- [${c.ok ? 'x' : ' '}] **${mdText(c.label)}** — ${mdText(c.detail)}`);
  lines.push('');

  lines.push('## Identity', '');
  lines.push(...table(['system', 'id', 'details'], [
    ['Runlens', id.id, id.parentId ? `parent ${id.parentId}` : null],
    ...(id.lineage ? [['OpenLineage runId', id.lineage.runId, `${id.lineage.source}; job ${id.lineage.job.namespace}/${id.lineage.job.name}`]] : []),
    ...(id.experiment ? [['MLflow run', id.experiment.runId, `${id.experiment.source}; experiment ${id.experiment.experimentName ?? id.experiment.experimentId}; run name ${id.experiment.runName ?? '—'}`]] : []),
  ]));
  lines.push(id.link ? `Link rule **${mdText(id.link.rule)}** (all rules that hold: ${mdText(id.link.rules.join(', '))}): ${mdText(id.link.evidence)}` : 'Not linked: only one side of this run is known.', '');
  for (const note of [...(id.link?.conflicts ?? []), ...id.notes]) lines.push(`- ${mdText(note)}`);
  if (id.childIds.length > 0) lines.push(`Stages: ${mdText(id.childIds.join(', '))}`);
  lines.push('');

  lines.push('## Timing', '');
  lines.push(...table(['field', 'value'], [
    ['status', t.status], ['OpenLineage state', t.lineageState], ['MLflow status', t.experimentStatus], ['started', t.startedAt], ['ended', t.endedAt],
    ['duration (ms)', t.durationMs], ['nominal start', t.nominalStartTime], ['failure', t.failure],
  ]));

  lines.push('## Who and where', '');
  lines.push(...table(['field', 'value'], [['user', origin.user], ['host', origin.host], ['from', origin.evidence.join('; ')]]));

  lines.push('## Code version', '');
  lines.push(...table(['field', 'value', 'source'], report.codeVersion.map((r) => [r.label, r.value, r.source])));

  lines.push('## Parameters', '');
  lines.push(...table(['key', 'OpenLineage', 'MLflow', 'disagree'], report.params.map((p) => [p.key, p.lineage, p.experiment, disagreeCell(p)])));

  lines.push('## Environment (run facets)', '');
  const env = Object.entries(report.environment);
  if (env.length === 0) lines.push('_None reported._', '');
  for (const [name, value] of env) lines.push(`- ${mdCode(name)}: ${mdCode(JSON.stringify(value) ?? 'null')}`);
  if (env.length > 0) lines.push('');

  lines.push('## Final metrics', '');
  lines.push(...table(['metric', 'value', 'step', 'logged'], report.metrics.map((m) => [m.key, m.value, m.step, m.timestamp])));

  lines.push('## Inputs', '');
  lines.push(...datasets(report.inputs, true));
  lines.push('## Outputs', '');
  lines.push(...datasets(report.outputs, false));

  lines.push('## Upstream chain (as this run saw it)', '');
  lines.push(`${mdText(report.upstream.basis)}${report.upstream.truncated ? ' The walk was cut short.' : ''}`, '');
  if (report.upstream.versionBasis) lines.push(mdText(report.upstream.versionBasis), '');
  lines.push(...table(['depth', 'job', 'run', 'state', 'started', 'read (version ← producer run)', 'MLflow run'], report.upstream.runs.map((r) => [
    r.depth, r.job.name, r.runId, r.state, r.startedAt,
    r.inputs.map((d) => `${datasetUri(d)}@${d.version ?? '?'}${d.producedByRunId ? ` ← ${d.producedByRunId}` : ''}`).join('; '),
    r.experimentRunId ? `${r.experimentRunId} (${r.linkRule})` : 'not linked',
  ])));

  lines.push('## Model versions produced', '');
  lines.push(...table(['model', 'version', 'aliases', 'status', 'source'], report.modelVersions.map((m) => [m.name, m.version, m.aliases.join(', '), m.status, m.source])));

  lines.push('## Sources consulted', '');
  lines.push(...table(['source', 'kind', 'location', 'status at generation', 'error'], report.sources.map((s) => [`${s.label} (${s.id})`, s.kind, s.location, s.status, s.error])));
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A file name for the download: the subject, made safe for file systems. */
export function auditFileName(report: AuditReport, extension: 'md' | 'json'): string {
  const s = report.subject;
  const base = s.kind === 'model-version' ? `${s.name}-v${s.version}` : report.identity.id;
  return `audit-${base.replace(/[^A-Za-z0-9._-]+/g, '_')}.${extension}`;
}
