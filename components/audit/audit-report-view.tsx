import Link from 'next/link';
import { StatusBadge } from '@/components/ui/status-badge';
import { auditDownloadHref, runHref } from '@/lib/api/links';
import { auditFileName } from '@/lib/audit/report-markdown';
import type { AuditReport } from '@/lib/audit/report-schema';
import { disagreeCell } from '@/lib/audit/secret-param';
import { AuditDatasets, AuditEnvironment, AuditTable, AuditUpstream } from './audit-tables';
import { PrintButton } from './print-button';
import styles from './audit-report.module.css';

function titleOf(report: AuditReport): string {
  const s = report.subject;
  if (s.kind === 'model-version') return `Model ${s.name} version ${s.version}`;
  return `Run ${report.identity.lineage?.job.name ?? report.identity.experiment?.runName ?? report.identity.id}`;
}

/** The whole report on one page, nothing folded, so that printing it gives the complete document. */
export function AuditReportView({ report, auditId }: { report: AuditReport; auditId: string }) {
  const { identity: id, timing: t, subject } = report;
  return (
    <article className={styles.report} data-testid="audit-report">
      <section>
        <p className="subtle">Audit report</p>
        <h1 data-testid="audit-title">{titleOf(report)} <StatusBadge status={t.status} /></h1>
        <dl className="kv">
          <dt>Generated</dt><dd data-testid="audit-generated">{report.generatedAt}</dd>
          <dt>SHA-256</dt><dd className={`mono ${styles.hash}`} data-testid="audit-hash">{report.hash.value}</dd>
          <dt>Hash covers</dt><dd className="subtle">{report.hash.covers}</dd>
          <dt>Run page</dt><dd><Link href={runHref(id.id)}>{id.id}</Link></dd>
        </dl>
        <div className={styles.actions}>
          <a className="button" href={auditDownloadHref(auditId, 'md')} download={auditFileName(report, 'md')} data-testid="audit-download-md">Download Markdown</a>
          <a className="button" href={auditDownloadHref(auditId, 'json')} download={auditFileName(report, 'json')} data-testid="audit-download-json">Download JSON</a>
          <PrintButton />
        </div>
      </section>

      {subject.kind === 'model-version' ? (
        <AuditTable title="Model version" testId="audit-model" head={['field', 'value']} empty="" rows={[
          ['name', subject.name], ['version', subject.version], ['registry', subject.source], ['produced by MLflow run', subject.runId],
          ['artifact source', subject.artifactSource], ['status', subject.status], ['aliases', subject.aliases.join(', ') || null], ['created', subject.createdAt],
        ]} />
      ) : null}

      <section className="panel" data-testid="audit-checklist">
        <h2>Completeness</h2>
        <ul className={styles.check}>
          {report.completeness.map((c) => (
            <li key={c.id} data-testid={`check-${c.id}`} data-ok={c.ok}>
              <span className={c.ok ? styles.ok : styles.missing}>{c.ok ? '✓' : '✗'}</span> <strong>{c.label}</strong> — <span className="subtle">{c.detail}</span>
            </li>
          ))}
        </ul>
      </section>

      <AuditTable title="Identity" testId="audit-identity" head={['system', 'id', 'details']} empty="" rows={[
        ['Runlens', id.id, id.parentId ? `parent ${id.parentId}` : null],
        ...(id.lineage ? [['OpenLineage runId', id.lineage.runId, `${id.lineage.source}; job ${id.lineage.job.namespace}/${id.lineage.job.name}`]] : []),
        ...(id.experiment ? [['MLflow run', id.experiment.runId, `${id.experiment.source}; experiment ${id.experiment.experimentName ?? id.experiment.experimentId}; ${id.experiment.runName ?? ''}`]] : []),
        ['Link', id.link ? `${id.link.rule} (${id.link.rules.join(', ')})` : 'not linked', id.link?.evidence ?? (id.notes.join(' ') || null)],
        ...(id.link?.conflicts ?? []).map((c) => ['Conflict', '', c]),
      ]} />

      <div className="grid-2">
        <AuditTable title="Timing" testId="audit-timing" head={['field', 'value']} empty="" rows={[
          ['status', t.status], ['OpenLineage state', t.lineageState], ['MLflow status', t.experimentStatus], ['started', t.startedAt], ['ended', t.endedAt],
          ['duration (ms)', t.durationMs], ['nominal start', t.nominalStartTime], ['failure', t.failure],
        ]} />
        <AuditTable title="Who and where" testId="audit-origin" head={['field', 'value']} empty="" rows={[
          ['user', report.origin.user], ['host', report.origin.host], ['from', report.origin.evidence.join('; ') || null],
        ]} />
      </div>

      <div className="grid-2">
        <AuditTable title="Code version" testId="audit-code" head={['field', 'value', 'source']} empty="No code version recorded." rows={report.codeVersion.map((r) => [r.label, r.value, r.source])} />
        <AuditTable title="Parameters" testId="audit-params" head={['key', 'OpenLineage', 'MLflow', 'disagree']} empty="No parameters recorded."
          rows={report.params.map((p) => [p.key, p.lineage, p.experiment, disagreeCell(p)])} />
      </div>

      <AuditDatasets title="Inputs" rows={report.inputs} testId="audit-inputs" />
      <AuditDatasets title="Outputs" rows={report.outputs} testId="audit-outputs" />
      <AuditUpstream upstream={report.upstream} />

      <div className="grid-2">
        <AuditTable title="Final metrics" testId="audit-metrics" head={['metric', 'value', 'step']} empty="No metrics logged."
          rows={report.metrics.map((m) => [m.key, String(m.value), m.step])} />
        <AuditTable title="Model versions produced" testId="audit-models" head={['model', 'version', 'aliases', 'status']} empty="No model version registered from this run."
          rows={report.modelVersions.map((m) => [m.name, m.version, m.aliases.join(', '), m.status])} />
      </div>

      <AuditEnvironment environment={report.environment} runId={id.id} className={styles.facet} />

      <AuditTable title="Sources consulted" testId="audit-sources" head={['source', 'kind', 'location', 'status at generation', 'error']} empty="No source is configured."
        rows={report.sources.map((s) => [`${s.label} (${s.id})`, s.kind, s.location, s.status, s.error])} />
    </article>
  );
}
