import Link from 'next/link';
import { AliasBadges } from '@/components/models/alias-badges';
import { DatasetsTable } from '@/components/runs/datasets-table';
import { RunUpstream } from '@/components/runs/run-upstream';
import { StatusBadge } from '@/components/ui/status-badge';
import { auditHref } from '@/lib/api/links';
import { modelVersionAuditId } from '@/lib/audit/report-subject';
import type { ModelVersionView, VersionTrace as Trace } from '@/lib/catalog/model-page-model';

/** model version → training run → its exact input versions → the runs upstream that wrote them, in one view. */
export function VersionTrace({ name, version, trace }: { name: string; version: ModelVersionView; trace: Trace }) {
  return (
    <section className="panel" data-testid="version-trace">
      <h2>Which data trained {name} v{version.version}?</h2>
      <p><Link href={auditHref(modelVersionAuditId(name, version.version))} data-testid="model-version-audit-link">Audit report of v{version.version}</Link></p>
      <ol>
        <li data-testid="trace-version">
          <strong>Model version</strong> {name} v{version.version} <AliasBadges aliases={version.aliases} />
          {version.stage ? <> <span className="badge">stage {version.stage}</span></> : null}
          <div className="subtle mono">{version.source ?? 'no source recorded'}</div>
          {trace.loggedModel ? (
            <div className="subtle" data-testid="trace-logged-model">
              Logged model <span className="mono">{trace.loggedModel.modelId}</span>{trace.loggedModel.name ? ` (${trace.loggedModel.name})` : ''}
              {trace.loggedModel.status ? `, ${trace.loggedModel.status}` : ''}{trace.loggedModel.runId ? <>, logged by run <span className="mono">{trace.loggedModel.runId}</span></> : null}
            </div>
          ) : null}
        </li>
        <li data-testid="trace-run">
          <strong>Training run</strong>{' '}
          {trace.run ? (
            <>
              <Link href={trace.run.href} data-testid="trace-run-link">{trace.run.label}</Link> <StatusBadge status={trace.run.status} />{' '}
              {trace.run.link
                ? <span className="badge badge-rule" data-testid="trace-run-rule">{trace.run.link.rule}</span>
                : <span className="badge badge-unmatched">MLflow only</span>}
              <div className="subtle">{trace.run.link?.detail ?? null} MLflow run <span className="mono">{trace.run.experimentRunId ?? '—'}</span></div>
            </>
          ) : <span className="badge badge-unmatched">unknown</span>}
          {trace.runNote ? <div className="notice notice-info" data-testid="trace-run-note">{trace.runNote}</div> : null}
        </li>
      </ol>
      {trace.versionBasis ? <p className="subtle">{trace.versionBasis}</p> : null}
      {trace.versionError ? <div className="notice notice-warn" role="alert">{trace.versionError}</div> : null}
      {trace.run ? <DatasetsTable title="Dataset versions it read" rows={trace.inputs} relatedLabel="Written by" testId="trace-inputs" /> : null}
      {trace.upstream ? <RunUpstream model={trace.upstream} title="Upstream runs that produced those versions" /> : null}
    </section>
  );
}
