import Link from 'next/link';
import { SchemaCell } from '@/components/datasets/schema-cell';
import { WriterCell } from '@/components/datasets/writer-cell';
import { StatusBadge } from '@/components/ui/status-badge';
import { formatNumber, formatTime } from '@/components/ui/format';
import { runHref } from '@/lib/api/links';
import type { DatasetVersionRow } from '@/lib/catalog/dataset-page-model';

const runLink = (r: { id: string; label: string; status: string; startMs: number | null }) => (
  <div key={r.id}><Link href={runHref(r.id)}>{r.label}</Link> <StatusBadge status={r.status} /> <span className="subtle nowrap" data-testid="reader-started">{formatTime(r.startMs)}</span></div>
);

/** Readers listed per version; the rest are counted (each is on its run's page). */
const READERS_SHOWN = 20;

/** "showing 20 of 5,000 readers" (or "of 1,000+" when the index keeps only the first ids); null when all are listed. */
function readersCut(shown: number, count: DatasetVersionRow['readByCount']): string | null {
  if (shown >= count.total) return null;
  return `showing ${shown.toLocaleString('en-US')} of ${count.total.toLocaleString('en-US')}${count.atLeast ? '+' : ''} readers`;
}

/** The versions a tracked run wrote on this page (a window of `total`), newest first; the raw-input case is rendered by RawInputReaders. */
export function DatasetVersionsTable({ versions, total }: { versions: DatasetVersionRow[]; total: number }) {
  return (
    <section className="panel" data-testid="dataset-versions">
      <h2>Versions ({total.toLocaleString('en-US')})</h2>
      {versions.length === 0 ? <p className="subtle">No tracked run wrote this dataset; it is only read (a raw input).</p> : (
        <table>
          <thead><tr><th>Version</th><th>Written at</th><th>Rows</th><th>Written by</th><th>Read by</th><th>Schema</th></tr></thead>
          <tbody>
            {versions.map((v) => (
              <tr key={v.id} data-testid="dataset-version-row">
                <td><span className="mono nowrap" data-testid="version-string">{v.version ?? <span className="subtle">{v.versionBasis === 'unavailable' ? 'exact version unavailable' : 'not reported'}</span>}</span>
                  {v.versionBasis === 'as-loaded' ? null : <div className="subtle" data-testid="dataset-row-version-basis">{v.versionLabel}</div>}</td>
                <td>{v.createdAtMs === null ? v.createdAt : formatTime(v.createdAtMs)}</td>
                <td>{formatNumber(v.rowCount)}</td>
                <td><WriterCell writer={v.createdBy} unknownRunId={v.createdByRunId} /></td>
                <td data-testid="version-readers">{v.readBy.length === 0 && v.readByCount.total === 0 ? <span className="subtle">no tracked reader</span> : v.readBy.slice(0, READERS_SHOWN).map(runLink)}
                  <ReadersCut text={readersCut(Math.min(v.readBy.length, READERS_SHOWN), v.readByCount)} /></td>
                <td><SchemaCell schema={v.schema} diff={v.diff} diffNote={v.diffNote} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function ReadersCut({ text }: { text: string | null }) {
  return text === null ? null : <div className="subtle" data-testid="readers-cut">{text}</div>;
}
