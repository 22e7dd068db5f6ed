import Link from 'next/link';
import { DatasetLabel } from '@/components/ui/dataset-label';
import { formatNumber } from '@/components/ui/format';
import { auditHref, datasetHref, runHref } from '@/lib/api/links';
import type { AuditDataset, AuditReport } from '@/lib/audit/report-schema';
import { boundList, showingText, type ListWindow } from '@/lib/model/bounded-list';
import { facetPreviews } from '@/lib/model/facet-preview';
import { RawFacet } from '@/components/facets/raw-facet';

/** What the page leaves out of a long table: the downloads (JSON, Markdown) carry every row. */
function LeftOut({ window, noun }: { window: ListWindow; noun: string }) {
  const text = showingText(window, noun);
  return text === null ? null : <p className="subtle" data-testid="showing-note">{text.charAt(0).toUpperCase() + text.slice(1)}; the JSON and Markdown downloads list them all.</p>;
}

/** Inputs (with the run that produced each version read) or outputs of the audited run. */
export function AuditDatasets({ title, rows: all, testId }: { title: string; rows: AuditDataset[]; testId: string }) {
  const inputs = testId === 'audit-inputs';
  const shown = boundList(all);
  const rows = shown.items;
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="subtle">None recorded.</p> : (
        <table>
          <thead><tr><th>Dataset</th><th>Version</th><th>MLflow digest</th><th>Rows</th>{inputs ? <th>Produced by</th> : null}</tr></thead>
          <tbody>
            {rows.map((d) => (
              <tr key={`${d.namespace}\u0000${d.name}`}>
                <td><Link href={datasetHref(d.namespace, d.name)}><DatasetLabel dataset={d} /></Link></td>
                <td className="mono nowrap" data-testid="audit-version">{d.version ?? <span className="subtle">not reported</span>}</td>
                <td className="mono nowrap">{d.digest ?? '—'}</td>
                <td>{formatNumber(d.rowCount)}</td>
                {inputs ? (
                  <td>{d.producer ? (
                    <><Link href={runHref(d.producer.runId)}>{d.producer.job ?? d.producer.runId}</Link> · <Link href={auditHref(d.producer.runId)}>its audit</Link></>
                  ) : <span className="subtle">raw data (no tracked run wrote it)</span>}</td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LeftOut window={shown} noun={title.toLowerCase()} />
    </section>
  );
}

/** The runs that produced the versions read, recursively, as the run saw them. */
export function AuditUpstream({ upstream }: { upstream: AuditReport['upstream'] }) {
  const shown = boundList(upstream.runs);
  return (
    <section className="panel" data-testid="audit-upstream">
      <h2>Upstream chain (point in time)</h2>
      <p className="subtle">{upstream.basis}{upstream.truncated ? ' The walk was cut short.' : ''}</p>
      {upstream.versionBasis ? <p className="subtle">{upstream.versionBasis}</p> : null}
      {upstream.runs.length === 0 ? <p className="subtle">No tracked run produced what this run read.</p> : (
        <table>
          <thead><tr><th>Depth</th><th>Job</th><th>State</th><th>Started</th><th>Read (version ← producer)</th><th>MLflow run</th></tr></thead>
          <tbody>
            {shown.items.map((r) => (
              <tr key={r.runId}>
                <td>{r.depth}</td>
                <td><Link href={runHref(r.runId)}>{r.job.name}</Link></td>
                <td>{r.state}</td>
                <td className="nowrap">{r.startedAt ?? '—'}</td>
                <td>{r.inputs.slice(0, UPSTREAM_INPUTS_SHOWN).map((d) => (
                  <div key={`${d.namespace}\u0000${d.name}`}><DatasetLabel dataset={d} /> <span className="mono" data-testid="audit-upstream-version">{d.version ?? '?'}</span>{d.producedByRunId ? <span className="subtle"> ← {d.producedByRunId}</span> : null}</div>
                ))}{r.inputs.length > UPSTREAM_INPUTS_SHOWN ? <div className="subtle" data-testid="audit-upstream-inputs-cut">and {formatNumber(r.inputs.length - UPSTREAM_INPUTS_SHOWN)} more (the downloads list them all)</div> : null}</td>
                <td className="mono">{r.experimentRunId ? <>{r.experimentRunId} <span className="badge badge-rule">{r.linkRule}</span></> : <span className="badge badge-unmatched">not linked</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LeftOut window={shown} noun="upstream runs" />
    </section>
  );
}

/** Datasets listed per upstream run on the page; the rest are counted. */
const UPSTREAM_INPUTS_SHOWN = 20;

/**
 * The run facets the report keeps as reported, as pages show facets: each over 64 KB cut with its size and a
 * download of the raw value, 1 MB of facet text at most, 200 facets at most.
 */
export function AuditEnvironment({ environment, runId, className }: { environment: Record<string, unknown>; runId: string; className?: string }) {
  const shown = boundList(Object.keys(environment));
  const previews = facetPreviews(Object.fromEntries(shown.items.map((name) => [name, environment[name]])));
  return (
    <section className="panel" data-testid="audit-environment">
      <h2>Environment (run facets)</h2>
      {previews.length === 0 ? <p className="subtle">None reported.</p> : previews.map((f) => <RawFacet key={f.name} facet={f} runId={runId} className={className} />)}
      <LeftOut window={shown} noun="facets" />
    </section>
  );
}

/** A titled table of rows; cells are text. */
export function AuditTable({ title, head, rows: all, empty, testId }: { title: string; head: string[]; rows: Array<Array<string | number | null>>; empty: string; testId?: string }) {
  const shown = boundList(all);
  const rows = shown.items;
  return (
    <section className="panel" data-testid={testId}>
      <h2>{title}</h2>
      {rows.length === 0 ? <p className="subtle">{empty}</p> : (
        <table>
          <thead><tr>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
          <tbody>{rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j} className={j === 0 ? undefined : 'mono'}>{c ?? '—'}</td>)}</tr>)}</tbody>
        </table>
      )}
      <LeftOut window={shown} noun="rows" />
    </section>
  );
}
